extension Check {
    static let yamlChecks: [Check] = [
        .yamlSyntax, .yamlNotText, .yamlTabIndent, .yamlNoBreakSpace, .yamlDuplicateKey, .yamlExtraDocument,
        .yamlAliasLimit, .yamlTooDeep, .yamlMergeInvalid, .yamlTagMismatch,
    ]

    static let yamlSyntax = Check(
        "yaml-syntax", .error,
        summary: "The file is not valid YAML.",
        help: "libyaml (the parser behind go-yaml, which exporter-toolkit uses) stopped at this position, so the program would refuse the whole file. The message is libyaml's own; unbalanced quotes or brackets, a value starting with a reserved character (`@`, `` ` ``, `%`), `: ` inside an unquoted value and a line indented differently from its neighbours are the usual causes. An alias (`*name`) must refer to an anchor (`&name`) defined earlier in the same document. libyaml cannot read past its first error, so a later problem shows only once this one is fixed.",
        hint: "check the indentation and quoting near this position")
    static let yamlNotText = Check(
        "yaml-not-text", .error,
        summary: "The file contains bytes that are not UTF-8 text.",
        help: "YAML files must be UTF-8 (or UTF-16 with a byte-order mark) and may not contain control characters such as NUL. A binary file (DER certificate, PKCS#12 bundle, archive) given where a YAML file was expected, or a file saved in Latin-1 or Windows-1252, ends up here. The position is the first offending byte.",
        hint: "save the file as UTF-8 text, or check that the path names the YAML file")
    static let yamlTabIndent = Check(
        "yaml-tab-indent", .error,
        summary: "A tab character is used for indentation.",
        help: "YAML allows only spaces for indentation. libyaml reports a tab there as `found character that cannot start any token` (or `found a tab character that violates indentation`), and go-yaml, hence exporter-toolkit, refuses the file. Every tab-indented line from the first one on is reported, so one run shows them all. Tabs inside values, after `key:`, in `[ ]` and `{ }` and in quoted text are fine.",
        hint: "indent with spaces; most editors can convert tabs to spaces")
    static let yamlNoBreakSpace = Check(
        "yaml-nbsp", .error,
        summary: "A no-break space (U+00A0) stands where YAML expects an ordinary space.",
        help: "A no-break space looks like a space but YAML treats it as text. In indentation or inside a key it becomes part of the key name, so exporter-toolkit reports an unknown field such as `field  cert_file not found` (prometheus/node_exporter#2938); after `:` or `-` it stops YAML from seeing a key or a list item. It usually arrives by copying from a web page, a PDF or a chat. Inside a value it is kept as part of the value (reported as a warning).",
        hint: "replace the no-break space with a normal space")
    static let yamlDuplicateKey = Check(
        "yaml-duplicate-key", .error,
        summary: "A mapping sets the same key twice.",
        help: "exporter-toolkit decodes strictly: a repeated key (two `cert_file`, or the same user twice under `basic_auth_users`) is an error, and the file is refused. tlscheck keeps the first value for its other checks. A key that overrides one merged in with `<<` is not a duplicate.",
        hint: "remove one of the two entries")
    static let yamlExtraDocument = Check(
        "yaml-extra-document", .warning,
        summary: "The file has more than one YAML document; only the first is read.",
        help: "exporter-toolkit reads only the first document of the file and silently ignores everything after the next `---`, even if it is invalid. Settings placed there have no effect.",
        hint: "move these settings into the first document, or delete the `---` line")
    static let yamlAliasLimit = Check(
        "yaml-alias-limit", .error,
        summary: "Aliases expand to too many nodes.",
        help: "Each alias (`*name`) stands for a copy of the anchored node; nested aliases multiply (the \"billion laughs\" attack). tlscheck stops once aliases have added more nodes than its limit, so a hostile file cannot exhaust memory or time. Real configuration files stay far below the limit.",
        hint: "use fewer or smaller aliases; write the repeated values out")
    static let yamlTooDeep = Check(
        "yaml-too-deep", .error,
        summary: "Collections are nested too deeply.",
        help: "tlscheck stops reading beyond its nesting limit (512 levels by default) so that hostile input cannot exhaust the stack. No configuration file needs this much nesting; the file is probably generated or corrupt.",
        hint: "flatten the structure; check that the file is the configuration you meant")
    static let yamlMergeInvalid = Check(
        "yaml-merge-invalid", .error,
        summary: "A merge key (`<<`) has a value that is not a mapping or a list of mappings.",
        help: "go-yaml refuses the whole file with `map merge requires map or sequence of maps as the value`. The value of `<<` must be a mapping, an alias of one (`<<: *defaults`) or a list of them (`<<: [*a, *b]`; earlier ones win).",
        hint: "point `<<` at an anchored mapping, e.g. `<<: *defaults`")
    static let yamlTagMismatch = Check(
        "yaml-tag-mismatch", .error,
        summary: "An explicit tag does not fit the value (e.g. `!!int abc`).",
        help: "go-yaml refuses a value whose explicit tag (`!!int`, `!!bool`, `!!float`, `!!timestamp`) does not match its text, with ``cannot decode !!str `abc` as a !!int``. `!!str` fits any value; `!!null` makes any value null.",
        hint: "remove the tag or correct the value")
}

extension Check {
    static let yamlIntro = """
        Problems in the YAML text itself, found while reading it with libyaml the way go-yaml v2 (the
        toolkit's and the Collector's parser) reads it: YAML 1.1 booleans, only the first document,
        strict duplicate keys. Lines and columns are 1-based; columns count characters, not bytes. As
        everywhere, at most 100 findings of one code are listed per file; the rest are counted.
        """
}
