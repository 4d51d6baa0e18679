@testable import CXLintSyntax
import Foundation
import XCTest

/// The credential key search skips through runs and the token test orders its
/// checks cheapest first; both must answer exactly as the plain versions they
/// replaced: every offset tried, every check made.
final class SecretScannerFastPathTests: XCTestCase {
    func plainCredentialValues(in bytes: [UInt8], runs: [Range<Int>]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var resume = 0
        for run in runs {
            var i = max(run.lowerBound, resume)
            while i + SecretScanner.shortestKeyLength <= run.upperBound {
                guard let key = SecretScanner.credentialKeys.first(where: { SecretScanner.matchesIgnoringCase($0, in: bytes, at: i) }),
                      let value = SecretScanner.valueRange(in: bytes, afterKeyEndingAt: i + key.count) else {
                    i += 1
                    continue
                }
                found.append(value)
                resume = value.upperBound
                i = resume
            }
        }
        return found
    }

    func plainLooksSecret(_ token: ArraySlice<UInt8>, minBits: Double) -> Bool {
        guard SecretScanner.wordCoverage(token) < SecretScanner.maxWordCoverage else { return false }
        var upper = false, lower = false, digit = false
        var counts = [Int](repeating: 0, count: 128)
        for b in token {
            if b >= 0x41 && b <= 0x5A { upper = true } else if b >= 0x61 && b <= 0x7A { lower = true } else if b >= 0x30 && b <= 0x39 { digit = true }
            counts[Int(b)] += 1
        }
        guard upper, lower, digit else { return false }
        let n = Double(token.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / n
            bits -= p * Foundation.log2(p)
        }
        return bits >= minBits
    }

    /// Fragments that make keys, near misses of keys, separators and values.
    let fragments = ["access_key_id", "ACCESS_KEY_SECRET", "AccessKeyId", "accesskeysecret", "xaccess_key_idx", "access", "ACCESS", "AcCeSs", "acces", "accesss", "_key_", "key", "secret", "SECRET", "id", "Id",
                     "KeySecret", "keyid", "_", "\"", "'", ":", " = ", ": ", "\n", " ", ",", "${X}", "v4lue", "a", "s", "c", "e"]

    func randomText(length: Int, state: inout UInt64) -> [UInt8] {
        (0..<length).flatMap { _ -> [UInt8] in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Array(fragments[Int(state >> 33) % fragments.count].utf8)
        }
    }

    func testKeySearchFindsWhatEveryOffsetFinds() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var valuesFound = 0
        for length in [0, 1, 3, 8, 40, 400] {
            for _ in 0..<200 {
                let bytes = randomText(length: length, state: &state)
                let runs = SecretScanner.tokenRuns(in: bytes, minLength: SecretScanner.shortestKeyLength)
                valuesFound += plainCredentialValues(in: bytes, runs: runs).count
                XCTAssertEqual(SecretScanner.credentialValues(in: bytes, runs: runs), plainCredentialValues(in: bytes, runs: runs),
                               String(decoding: bytes, as: UTF8.self))
            }
        }
        XCTAssertGreaterThan(valuesFound, 500, "the inputs must hold keys with values")
    }

    func testTokenTestAnswersAsThePlainOne() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("ABCXYZabcxyzeio0123789+/=_-".utf8)
        var secrets = 0
        for length in [1, 16, 24, 40] {
            for share in [3, 9, 27] {
                for _ in 0..<100 {
                    let token: [UInt8] = (0..<length).map { _ in
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        return alphabet[Int(state >> 33) % share]
                    }
                    let minBits = SecretScanner.minBits(length: length)
                    if plainLooksSecret(token[...], minBits: minBits) { secrets += 1 }
                    XCTAssertEqual(SecretScanner.looksSecret(token[...], minBits: minBits), plainLooksSecret(token[...], minBits: minBits),
                                   String(decoding: token, as: UTF8.self))
                }
            }
        }
        XCTAssertGreaterThan(secrets, 50, "some tokens must look secret")
    }
}
