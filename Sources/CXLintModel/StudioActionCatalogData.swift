// Generated from Schemas/studio-actions.json by scripts/embed-catalog.sh; do not edit.
// StudioActionCatalogTests fails when the two differ.
enum StudioActionCatalogData {
    static let json = #"""
{
  "$comment": "cxlint's catalog of CXone Studio action properties. The index of a property is its position among the <Parameters> <string>s of a desktop Studio XML action and its key in a web Studio JSON script's properties. Event actions have no incoming connection and start their own chain; the list is CXone's (Action Basics: \"Examples are Onanswer, Onrelease, and Onhold\"; the Onsignal, Onabandon help pages: \"is an event action\"; the Stop help: \"trigger an event such as ONSIGNAL, ONANSWER, ONHOLD, ONDATA, or ONRELEASE\"). Transfer actions hand the contact on (a Reqagent, or a Signal to another script). Media actions play to or record the caller; CXone's Onrelease help: \"Media-specific actions (such as Play, Menu, or Record) are not allowed after the Onrelease event\".",
  "version": 1,
  "actions": {
    "BEGIN": { "properties": ["RootFolder", "Application", "ParamCount"], "entry": true },
    "SIPPUTHEADER": { "properties": ["HeaderName", "HeaderValue"] },
    "PLACECALL": { "properties": ["PhoneNumber", "CallerID", "Timeout", "DetectionType"] },
    "ONSIGNAL": { "properties": ["SrcContactIDVar", "Parameters"], "event": true },
    "SNIPPET": { "properties": ["Data", "MaxStringSize"] },
    "ASSIGN": { "properties": ["Variable", "Value", "Type", "Publish", "ScreenPop", "SaveToDB", "MaxStringSize"] },
    "IF": { "properties": ["Expression"], "branches": ["True", "False"] },
    "CASE": { "properties": ["Variable"] },
    "REQAGENT": { "properties": ["Skill", "TargetAgent", "PriorityManagement"], "transfer": true },
    "POPURL": { "properties": ["URL"] },
    "SIGNAL": { "properties": ["ContactID", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"], "transfer": true },
    "ONANSWER": { "properties": [], "event": true },
    "ONRELEASE": { "properties": [], "event": true },
    "ONHOLD": { "properties": [], "event": true },
    "ONABANDON": { "properties": [], "event": true },
    "ONDATA": { "properties": [], "event": true },
    "PLAY": { "properties": [], "media": true },
    "MENU": { "properties": [], "media": true },
    "RECORD": { "properties": [], "media": true },
    "HANGUP": { "properties": [], "terminal": true },
    "END": { "properties": [], "terminal": true },
    "WAIT": { "properties": ["Timeout"] },
    "RUNSUB": { "properties": ["ScriptName", "Parameters", "ReturnVariable"] },
    "RUNSCRIPT": { "properties": ["ScriptName", "Parameters"] },
    "SPAWN": { "properties": ["ScriptName", "SpawnIDVar", "Skill", "StartDate", "Parameters"] },
    "RETURN": { "properties": ["ReturnValue"], "terminal": true }
  }
}
"""#
}
