internal import CYAML

extension LibraryVersions {
    public static var libyaml: String { String(cString: yaml_get_version_string()) }
}
