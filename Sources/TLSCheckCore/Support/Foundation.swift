// FoundationEssentials keeps start-up fast on Linux (full Foundation loads ICU before `main`).
#if canImport(FoundationEssentials)
@_exported import FoundationEssentials
#else
@_exported import Foundation
#endif
