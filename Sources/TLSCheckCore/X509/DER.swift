internal import COpenSSL

/// Just enough DER writing to serialize the keys tlscheck generates (`PrivateKey.pkcs8DER`).
enum DER {
    static func sequence(_ parts: [UInt8]...) -> [UInt8] { element(0x30, parts.flatMap { $0 }) }
    /// A version number (0 to 127: one content byte, no sign padding).
    static func integer(_ small: UInt8) -> [UInt8] {
        precondition(small < 0x80, "DER.integer writes version numbers only")
        return [0x02, 0x01, small]
    }
    static func octetString(_ bytes: [UInt8]) -> [UInt8] { element(0x04, bytes) }
    static func bitString(_ bytes: [UInt8]) -> [UInt8] { element(0x03, [0x00] + bytes) }
    /// `[number] EXPLICIT`, constructed, context-specific.
    static func explicit(_ number: UInt8, _ content: [UInt8]) -> [UInt8] { element(0xA0 | number, content) }

    /// A built-in object identifier, encoded by OpenSSL (which knows every OID's bytes).
    static func object(_ nid: Int32) -> [UInt8]? {
        guard let object = OBJ_nid2obj(nid) else { return nil }
        let encoded = OpenSSLSupport.der { i2d_ASN1_OBJECT(object, $0) }
        return encoded.isEmpty ? nil : encoded
    }

    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        var count = content.count
        if count < 0x80 {
            length = [UInt8(count)]
        } else {
            while count > 0 {
                length.insert(UInt8(count & 0xFF), at: 0)
                count >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + content
    }
}
