// Generated from Schemas/studio-actions.json by scripts/embed-catalog.sh; do not edit.
// StudioActionCatalogTests fails when the two differ.
enum StudioActionCatalogData {
    static let json = #"""
{
  "$comment": "cxlint's catalog of CXone Studio action properties. The index of a property is its position among the <Parameters> <string>s of a desktop Studio XML action and its key in a web Studio JSON script's properties. Event actions have no incoming connection and start their own chain.",
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
    "REQAGENT": { "properties": ["Skill", "TargetAgent", "PriorityManagement"] },
    "POPURL": { "properties": ["URL"] },
    "SIGNAL": { "properties": ["ContactID", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"] },
    "ONANSWER": { "properties": [], "event": true },
    "ONRELEASE": { "properties": [], "event": true },
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
