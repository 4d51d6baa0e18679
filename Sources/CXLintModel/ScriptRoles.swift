import CXLintSyntax

/// A Runsub, Runscript or Spawn action: the script it runs, by the name or path it writes.
public struct SubscriptCall: Sendable {
    /// Index of the calling action in the script's `actions`.
    public var action: Int
    /// The ScriptName as written (`WatsonRouting`, `Watson\WatsonRouting`, `{routingScript}`).
    public var name: String
    public var range: SourceRange
}

extension StudioScript {
    /// The actions that run another script: Runsub returns, Runscript continues in it, Spawn runs it beside.
    public static let callTypes: Set<String> = ["RUNSUB", "RUNSCRIPT", "SPAWN"]

    public var subscriptCalls: [SubscriptCall] {
        actions.indices.compactMap { index in
            let action = actions[index]
            guard Self.callTypes.contains(action.type), let property = action.property("ScriptName") else { return nil }
            let name = property.value.trimmedASCII
            return name.isEmpty ? nil : SubscriptCall(action: index, name: name, range: property.range)
        }
    }

    /// Whether a call's ScriptName names this script: its Studio path (`\Watson\WatsonRouting`, any
    /// slashes, any case), or, for a bare name, its script name or file name without extension.
    public func isNamed(by called: String) -> Bool {
        let wanted = Self.normalizedScriptPath(called)
        guard !wanted.isEmpty else { return false }
        if let path, Self.normalizedScriptPath(path) == wanted { return true }
        guard !wanted.contains("/") else { return false }
        let fileName = file.fileName.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init)
        return [name, fileName].contains { $0.map { $0.lowercased() == wanted } ?? false }
    }

    /// `\Watson\WatsonRouting` → `watson/watsonrouting`: Studio paths use backslashes and ignore case.
    static func normalizedScriptPath(_ text: String) -> String {
        text.trimmedASCII.replacingBackslashes.split(separator: "/").joined(separator: "/").lowercased()
    }

    /// Whether the export says the script is a phone script: true for phone (`4`, `Phone`, `call`),
    /// false for another media type (chat, email, …), nil when it says nothing or `Generic`.
    public var isPhone: Bool? {
        guard let raw = mediaType?.trimmedASCII.lowercased(), !raw.isEmpty else { return nil }
        if Self.phoneMediaTypes.contains(raw) { return true }
        return Self.otherMediaTypes.contains(raw) ? false : nil
    }

    static let phoneMediaTypes: Set<String> = ["4", "phone", "call", "phonecall", "voice"]
    /// CXone media type numbers and names of scripts that never carry a phone call.
    static let otherMediaTypes: Set<String> = [
        "1", "3", "5", "6", "7", "8", "9", "email", "chat", "voicemail", "workitem", "work item", "sms", "digital",
    ]

    /// What ties the script to the assistant by itself: it places the call (Placecall), sets the
    /// Contact ID header for it (Sipputheader), or takes its signals (an Onsignal chain that reads p1).
    public var assistantRole: String? {
        if actions.contains(where: { $0.type == "PLACECALL" }) { return "places a call (Placecall)" }
        if actions.contains(where: { $0.type == "SIPPUTHEADER" }) { return "sets a SIP header (Sipputheader)" }
        if onsignalChainReadsP1 { return "reads p1 in its Onsignal chain" }
        return nil
    }

    /// Whether an action reachable from an Onsignal reads `p1` (`{p1}` anywhere, or a bare `p1`).
    var onsignalChainReadsP1: Bool {
        let starts = actions.indices.filter { actions[$0].type == "ONSIGNAL" }
        return reachable(from: starts).contains { index in
            actions[index].properties.contains { Self.readsP1($0.value) }
        }
    }

    /// Action indices that can run from `starts`, following branches by ActionID.
    func reachable(from starts: [Int]) -> [Int] {
        var seen = Set(starts)
        var stack = starts
        while let index = stack.popLast() {
            for branch in actions[index].branches {
                guard let target = branch.target.flatMap({ indexByID[$0] }), seen.insert(target).inserted else { continue }
                stack.append(target)
            }
        }
        return seen.sorted()
    }

    /// `p1` as a whole word, any case (`{P1}`, `p1 = "hangup"`), not `p10` or `sp1`.
    static func readsP1(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2 else { return false }
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
        }
        for index in 0..<(bytes.count - 1) where bytes[index] | 0x20 == 0x70 && bytes[index + 1] == 0x31 {
            let before = index == 0 ? nil : bytes[index - 1]
            let after = index + 2 < bytes.count ? bytes[index + 2] : nil
            if !(before.map(isWordByte) ?? false), !(after.map(isWordByte) ?? false) { return true }
        }
        return false
    }
}

extension String {
    var replacingBackslashes: String { String(map { $0 == "\\" ? "/" : $0 }) }
}

/// A script discovery found but left out of the integration's checks, and why.
public struct SkippedScript: Sendable, Hashable {
    public var file: SourceID
    public var reason: String

    public init(file: SourceID, reason: String) {
        self.file = file
        self.reason = reason
    }
}

/// Which discovered scripts belong to a phone line. A script named in the config's
/// `scripts:` or on the command line always does; another belongs when it calls the
/// assistant or takes its signals (`StudioScript.assistantRole`), when a member runs it
/// (Runsub, Runscript, Spawn), or when it runs a member; a script whose export says it
/// is not a phone script never does.
public enum IntegrationMembership {
    /// The scripts of `candidates` that are not members, with the reason; `kept` paths always belong.
    public static func skipped(_ candidates: [StudioScript], kept: Set<SourceID>) -> [SkippedScript] {
        var members = Set<Int>()
        for (index, script) in candidates.enumerated() where kept.contains(script.file) || (script.isPhone != false && script.assistantRole != nil) {
            members.insert(index)
        }
        // Scripts a member runs belong too, and so do scripts that run a member (they reach the
        // assistant through it). Studio runs only scripts of the caller's media type.
        let phone = candidates.indices.filter { candidates[$0].isPhone != false }
        let callees = candidates.map { script in
            Set(script.subscriptCalls.flatMap { call in phone.filter { candidates[$0].isNamed(by: call.name) } })
        }
        var changed = true
        while changed {
            changed = false
            for index in phone where !members.contains(index) {
                let calledByMember = members.contains { callees[$0].contains(index) }
                if calledByMember || !callees[index].isDisjoint(with: members) {
                    members.insert(index)
                    changed = true
                }
            }
        }
        return candidates.enumerated().filter { !members.contains($0.offset) }.map { SkippedScript(file: $0.element.file, reason: reason(for: $0.element)) }
    }

    /// Why a script is not part of a phone integration.
    public static func reason(for script: StudioScript) -> String {
        if script.isPhone == false {
            return "not a phone script (media type \(script.mediaType ?? "?")): it never belongs to a phone line"
        }
        return "not part of a phone integration: no Placecall, no Sipputheader, no Onsignal chain reading p1, and it runs no script of the line nor does one run it"
    }
}
