#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic cxlint bundles for benchmarks.

Each bundle is one phone line, shaped like Samples/good (YAML config, actions
skill, desktop Studio XML) or Samples/good-web (JSON config, dialog skill, web
Studio JSON), scaled up:

- assistant exports are the sample's actions (or dialog nodes) plus actions
  copied from the public exports in ../shared/real-exports (when present),
  renamed, with a connect_to_agent transfer every few actions, until the
  export reaches its size (50 KB to 20 MB);
- Studio scripts keep the sample's flow (BEGIN, SIPPUTHEADER, PLACECALL,
  ONSIGNAL with the hangup test, ONANSWER, ONRELEASE) and add routing blocks
  on the BEGIN and ONSIGNAL chains: IFs, CASEs, retry loops, Snippets and IFs
  on p1 (which the signal-hangup-unhandled rule must look at), 20 to 5,000
  actions;
- about a third of the bundles carry one seeded mistake (header mismatch,
  phone number mismatch, reserved p1, unhandled hangup signal, dangling
  branch, plaintext secret, duplicate key, unreachable action).

The same seed always writes the same bytes. Never commit a generated corpus.

    scripts/generate-corpus.py OUT --bundles 1000 --seed 1
    scripts/generate-corpus.py OUT --bundles 1 --export-kb 20480 --script-actions 5000
"""
import argparse
import glob
import json
import math
import os
import random
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "Samples")
REAL_EXPORTS = os.path.join(ROOT, "..", "shared", "real-exports", "watson-assistant-toolkit")

PROPERTY_NAMES = {
    "BEGIN": ["RootFolder", "Application", "ParamCount"],
    "ASSIGN": ["Variable", "Value", "Type", "Publish", "ScreenPop", "SaveToDB", "MaxStringSize"],
    "SIPPUTHEADER": ["HeaderName", "HeaderValue"],
    "PLACECALL": ["PhoneNumber", "CallerID", "Timeout", "DetectionType"],
    "WAIT": ["Timeout"],
    "END": [],
    "ONSIGNAL": ["SrcContactIDVar", "Parameters"],
    "IF": ["Expression"],
    "HANGUP": [],
    "SNIPPET": ["Data", "MaxStringSize"],
    "REQAGENT": ["Skill", "TargetAgent", "PriorityManagement"],
    "ONANSWER": [],
    "POPURL": ["URL"],
    "ONRELEASE": [],
    "CASE": ["Variable"],
}

MISTAKES = [
    "contact-id-header-mismatch", "phone-number-mismatch", "custom-data-reserved-p1",
    "signal-hangup-unhandled", "dangling-branch", "plaintext-secret", "duplicate-key",
    "unreachable-action",
]

TOPICS = ["billing", "orders", "returns", "shipping", "warranty", "loyalty", "payments", "technical", "accounts", "sales"]


class Action:
    def __init__(self, id, type, caption, params=(), next=0, branches=(), cases=()):
        self.id, self.type, self.caption = id, type, caption
        self.params, self.next = list(params), next
        self.branches, self.cases = list(branches), list(cases)


def assign(id, variable, value, next):
    return Action(id, "ASSIGN", f"Set {variable}", [variable, value, "String", "False", "False", "False", ""], next)


# MARK: - Studio scripts

def base_script(header, number):
    """The sample's flow; IDs 1-18. Routing blocks are spliced in after 2 (main) and on 8's False branch."""
    return [
        Action(1, "BEGIN", "Begin", ["", "", "0"], 2),
        assign(2, "transferred", "false", 3),
        Action(3, "SIPPUTHEADER", "Set Contact ID header", [header, "{ContactId}"], 4, [("OnError", 12)]),
        Action(4, "PLACECALL", "Call watsonx Assistant", [number, "{ANI}", "30", "NONE"], 5,
               [("OnBusy", 12), ("OnNoAnswer", 12), ("OnError", 12)]),
        Action(5, "WAIT", "Wait for signal", ["3600"], 6),
        Action(6, "END", "End", []),
        Action(7, "ONSIGNAL", "Signal from assistant", ["", ""], 8),
        Action(8, "IF", "Hang up?", ['p1 = "hangup"'], 0, [("True", 9), ("False", 11)]),
        assign(9, "transferred", "true", 10),
        Action(10, "HANGUP", "Hang up", []),
        Action(11, "SNIPPET", "Save session history key",
               ['// p1 carries the watsonx Assistant session history key\r\nASSIGN sessionKey = "{p1}"\r\n'
                'ASSIGN topic = "{p2}"\r\nASSIGN channel = "{p3}"', ""], 12),
        assign(12, "transferred", "true", 13),
        Action(13, "REQAGENT", "Request agent", ["Watson Escalation", "", "Default"], 5, [("OnError", 10)]),
        Action(14, "ONANSWER", "Agent answered", [], 15),
        assign(15, "watson_url", "https://web-chat.global.assistant.watson.appdomain.cloud/loadAgentAppFrame.html"
                                 "?session_history_key={sessionKey}", 16),
        Action(16, "POPURL", "Show transcript", ["{watson_url}"], 5),
        Action(17, "ONRELEASE", "Assistant released call", [], 18),
        Action(18, "IF", "Already transferred?", ['transferred = "true"'], 0, [("True", 6), ("False", 12)]),
    ]


def routing_blocks(rng, first_id, count, exit_id, on_signal_chain):
    """About `count` actions in blocks that all end at `exit_id`; returns (actions, entry id)."""
    actions = []
    next_id = first_id
    blocks = []
    while next_id - first_id < count:
        kind = rng.choice(["if", "case", "loop", "snippet", "p1"] if on_signal_chain else ["if", "case", "loop", "snippet"])
        start = next_id
        if kind == "if":
            topic = rng.choice(TOPICS)
            actions += [Action(start, "IF", f"{topic.title()} caller?", [f'{{p2}} = "{topic}"'], 0, [("True", start + 1), ("False", -1)]),
                        assign(start + 1, "queue", topic, -1)]
            next_id += 2
        elif kind == "case":
            topics = rng.sample(TOPICS, 3)
            actions += [Action(start, "CASE", "Route by topic", ["{topic}"], -1, (), [(t, start + 1 + i) for i, t in enumerate(topics)])]
            actions += [assign(start + 1 + i, "skill", f"{t}_skill", -1) for i, t in enumerate(topics)]
            next_id += 4
        elif kind == "loop":
            # A retry loop: the IF's True branch comes back to itself through the Snippet.
            actions += [assign(start, "attempts", "0", start + 1),
                        Action(start + 1, "IF", "Retry?", ["attempts < 3"], 0, [("True", start + 2), ("False", -1)]),
                        Action(start + 2, "SNIPPET", "Count attempt", ["ASSIGN attempts = attempts + 1", ""], start + 1)]
            next_id += 3
        elif kind == "snippet":
            topic = rng.choice(TOPICS)
            actions += [Action(start, "SNIPPET", "Tag contact", [f'ASSIGN tag = "{topic}"\r\nIF topic = "{topic}"\r\n{{\r\n  ASSIGN priority = "high"\r\n}}', ""], -1)]
            next_id += 1
        else:
            # An empty session key check: p1 is tested, so the hangup rule follows its branches.
            actions += [Action(start, "IF", "Session key missing?", ['p1 = ""'], 0, [("True", -1), ("False", -1)])]
            next_id += 1
        blocks.append((start, next_id))
    # Chain the blocks: every -1 (block exit) goes to the next block's start.
    for index, (start, end) in enumerate(blocks):
        target = blocks[index + 1][0] if index + 1 < len(blocks) else exit_id
        for action in actions:
            if start <= action.id < end:
                action.next = target if action.next == -1 else action.next
                action.branches = [(label, target if t == -1 else t) for label, t in action.branches]
    return actions, (blocks[0][0] if blocks else exit_id)


def make_script(rng, total_actions, header, number, mistake):
    actions = base_script(header, number)
    extra = max(0, total_actions - len(actions))
    main_count = extra // 2
    main, main_entry = routing_blocks(rng, 100, main_count, 3, on_signal_chain=False)
    signal, signal_entry = routing_blocks(rng, 100 + main_count + 10, extra - len(main), 11, on_signal_chain=True)
    by_id = {a.id: a for a in actions}
    if main:
        by_id[2].next = main_entry
    if signal:
        by_id[8].branches = [("True", 9), ("False", signal_entry)]
    if mistake == "signal-hangup-unhandled":
        # The hangup test looks at the wrong parameter, and no other path hangs up: every IF on p1
        # in the routing blocks is a test whose branches never reach a HANGUP.
        by_id[8].params = ['p2 = "hangup"']
        by_id[13].branches = [("OnError", 6)]
    if mistake == "dangling-branch":
        by_id[5].branches = [("OnTimeout", 99999)]
    if mistake == "unreachable-action":
        actions.append(Action(99998, "WAIT", "Leftover wait", ["10"], 6))
    # Source order: the start, then the routing blocks, then the event chains (as Studio exports by position).
    return actions[:6] + main + signal + actions[6:]


def script_xml(actions, name):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n',
           '<ScriptContainer xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n',
           '  <Actions>\n']
    for a in actions:
        out.append(f"    <ActionStruct>\n      <ActionID>{a.id}</ActionID>\n      <Action>{a.type}</Action>\n"
                   f"      <Caption>{escape(a.caption)}</Caption>\n")
        if a.params:
            out.append("      <Parameters>\n")
            for p in a.params:
                v = escape(p, {'"': "&quot;", "\r": "&#xD;", "\n": "&#xA;"})
                out.append(f"        <string>{v}</string>\n" if p else "        <string />\n")
            out.append("      </Parameters>\n")
        else:
            out.append("      <Parameters />\n")
        out.append(f"      <DefaultNextAction>\n        <Text />\n        <ActionID>{a.next}</ActionID>\n"
                   "        <Index>0</Index>\n        <Segments />\n      </DefaultNextAction>\n")
        for tag, struct, items in (("Branches", "BranchStruct", a.branches), ("Cases", "CaseStruct", a.cases)):
            if not items:
                out.append(f"      <{tag} />\n")
                continue
            out.append(f"      <{tag}>\n")
            for i, (label, target) in enumerate(items):
                out.append(f"        <{struct}>\n          <Text>{escape(label)}</Text>\n          <ActionID>{target}</ActionID>\n"
                           f"          <Index>{i}</Index>\n          <Segments />\n        </{struct}>\n")
            out.append(f"      </{tag}>\n")
        out.append(f"      <X>{80 + a.id % 7 * 160}</X>\n      <Y>{80 + a.id * 40}</Y>\n    </ActionStruct>\n")
    out.append(f'  </Actions>\n  <LibraryItem Name="{escape(name)}" />\n</ScriptContainer>\n')
    return "".join(out)


def script_json(actions, name):
    content = {
        "header": {"scriptName": name, "scriptPath": f"Watson/{name}", "mediaType": 4,
                   "description": "Hands callers to watsonx Assistant and back to agents"},
        "actions": {}, "properties": {}, "branches": {},
    }
    for a in actions:
        key = str(a.id)
        content["actions"][key] = {"actionId": a.id, "name": a.type, "label": a.caption}
        names = PROPERTY_NAMES.get(a.type, [])
        content["properties"][key] = {str(i): {"name": names[i] if i < len(names) else str(i), "value": p} for i, p in enumerate(a.params)}
        branches = [{"to": a.next, "label": "", "type": "default", "index": 0}] if a.next else []
        branches += [{"to": t, "label": l, "type": "branch", "index": i} for i, (l, t) in enumerate(a.branches)]
        branches += [{"to": t, "label": l, "type": "case", "index": i} for i, (l, t) in enumerate(a.cases)]
        content["branches"][key] = branches
    return json.dumps({"scriptContent": content}, indent=2, ensure_ascii=False) + "\n"


# MARK: - Assistant exports

def load_action_pool():
    """Actions of the sample and of the public exports, as templates to copy."""
    pool = []
    files = [os.path.join(SAMPLES, "good", "exports", "action-skill.json")] + sorted(glob.glob(os.path.join(REAL_EXPORTS, "*.json")))
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (ValueError, OSError):
            continue
        workspace = data.get("workspace", data) if isinstance(data, dict) else None
        actions = workspace.get("actions") if isinstance(workspace, dict) else None
        if isinstance(actions, list):
            # Their own transfers target other contact centers; bundles get NICE CXone transfers of their own.
            pool += [a for a in actions if isinstance(a, dict) and a.get("steps") and "connect_to_agent" not in json.dumps(a)]
    return pool


def transfer_step(step_id, topic, reserved_p1):
    custom = {"p2": topic, "p3": "voice_assistant"}
    if reserved_p1:
        custom = {"p1": topic, **custom}
    return {
        "step": step_id, "handlers": [],
        "resolver": {"type": "connect_to_agent", "response": {
            "transfer_info": {"target": {"nice_cxone": {"custom_data": custom}}},
            "agent_available": {"message": "Of course. I'm transferring you to an agent now; please stay on the line."},
            "agent_unavailable": {"message": "All of our agents are busy right now. Please stay on the line and the next available agent will take your call."},
            "message_to_human_agent": f"Caller asked the phone assistant about {topic}. The transcript opens when you answer."}},
        "variable": step_id,
    }


def renamed_action(rng, template, n, with_transfer, reserved_p1):
    """A copy of a template action under a new ID, its steps renamed so IDs stay unique."""
    text = json.dumps(template)
    old = template.get("action", "action")
    text = text.replace(f'"{old}', f'"action_{n}_')
    action = json.loads(text)
    action["action"] = f"action_{n}"
    action["title"] = f"{template.get('title', 'Action')} {n}"
    for i, step in enumerate(action.get("steps", [])):
        step["step"] = f"step_{n}_{i}"
    if with_transfer:
        action["steps"].append(transfer_step(f"step_{n}_t", rng.choice(TOPICS), reserved_p1))
    return action


def make_export(rng, target_bytes, pool, mistake):
    with open(os.path.join(SAMPLES, "good", "exports", "action-skill.json"), encoding="utf-8") as f:
        export = json.load(f)
    workspace = export["workspace"]
    size = len(json.dumps(export, indent=2))
    n = 50000
    reserved_done = False
    while size < target_bytes:
        n += 1
        with_transfer = n % 7 == 0
        reserved = mistake == "custom-data-reserved-p1" and with_transfer and not reserved_done
        reserved_done = reserved_done or reserved
        action = renamed_action(rng, rng.choice(pool), n, with_transfer, reserved)
        workspace["actions"].append(action)
        workspace["intents"].append({"intent": f"action_{n}_intent", "examples": [{"text": f"help with {rng.choice(TOPICS)} {n}"}]})
        # Nested three levels deep, each line of the action gets six more spaces of indentation.
        text = json.dumps(action, indent=2)
        size += len(text) + 6 * text.count("\n") + 80
    if mistake == "custom-data-reserved-p1" and not reserved_done:
        workspace["actions"].append(renamed_action(rng, pool[0], n + 1, True, True))
    return json.dumps(export, indent=2, ensure_ascii=False) + "\n"


def make_dialog_export(rng, target_bytes, mistake):
    with open(os.path.join(SAMPLES, "good-web", "exports", "dialog-skill.json"), encoding="utf-8") as f:
        export = json.load(f)
    templates = list(export["dialog_nodes"])
    size = len(json.dumps(export, indent=2))
    n = 0
    previous = "Welcome"
    while size < target_bytes:
        n += 1
        node = json.loads(json.dumps(rng.choice(templates)))
        node["dialog_node"] = f"node_{n}"
        node["title"] = f"{node.get('title', 'Node')} {n}"
        node["previous_sibling"] = previous
        previous = node["dialog_node"]
        if mistake == "custom-data-reserved-p1" and n == 1:
            node["output"] = {"generic": [transfer_step("x", "billing", True)["resolver"]["response"] | {"response_type": "connect_to_agent"}]}
        export["dialog_nodes"].append(node)
        text = json.dumps(node, indent=2)
        size += len(text) + 4 * text.count("\n") + 4
    return json.dumps(export, indent=2, ensure_ascii=False) + "\n"


# MARK: - Configs

def config_yaml(header, number, mistake, script_name):
    secret = "hunter2-plaintext-secret-value" if mistake == "plaintext-secret" else "${CXONE_ACCESS_KEY_SECRET}"
    duplicate = "    type: nice_cxone\n" if mistake == "duplicate-key" else ""
    return (
        "# Phone integration (generated benchmark bundle).\n"
        "phone_integration:\n"
        f'  phone_number: "{number}"\n'
        "  contact_center:\n"
        "    type: nice_cxone\n"
        f"{duplicate}"
        "    authentication_url: https://na1.nice-incontact.com/authentication/v1/token/access-key\n"
        "    api_url: https://api-na1.niceincontact.com/inContactAPI/services/v30.0/\n"
        f"    contact_id_header: {header}\n"
        "    access_key_id: ${CXONE_ACCESS_KEY_ID}\n"
        f"    access_key_secret: {secret}\n"
        "assistant: exports/action-skill.json\n"
        "scripts:\n"
        f"  - studio/{script_name}\n"
    )


def config_json(header, number, mistake, script_name):
    secret = "hunter2-plaintext-secret-value" if mistake == "plaintext-secret" else "${CXONE_ACCESS_KEY_SECRET}"
    center = {"type": "nice_cxone",
              "authentication_url": "https://na1.nice-incontact.com/authentication/v1/token/access-key",
              "api_url": "https://api-na1.niceincontact.com/inContactAPI/services/v30.0/",
              "contact_id_header": header, "access_key_id": "${CXONE_ACCESS_KEY_ID}", "access_key_secret": secret}
    config = {"phone_integration": {"phone_numbers": [number], "contact_center": center},
              "assistant": "exports/dialog-skill.json", "scripts": [f"studio/{script_name}"]}
    text = json.dumps(config, indent=2) + "\n"
    if mistake == "duplicate-key":
        text = text.replace('"type": "nice_cxone",', '"type": "nice_cxone",\n      "type": "nice_cxone",', 1)
    return text


# MARK: - Bundles

def log_uniform(rng, low, high):
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def write_bundle(folder, rng, pool, export_bytes, script_actions, web, mistake):
    header = "X-ContactID"
    config_number = f"+1 958 555 {rng.randrange(1000, 9999)}"
    script_number = config_number.replace(" ", "")
    script_header = header
    if mistake == "contact-id-header-mismatch":
        script_header = "X-Contact-ID"
    if mistake == "phone-number-mismatch":
        script_number = "+19585550000"
    actions = make_script(rng, script_actions, script_header, script_number, mistake)
    if web:
        write(os.path.join(folder, "phone-integration.json"), config_json(header, config_number, mistake, "WatsonPhone.json"))
        write(os.path.join(folder, "exports", "dialog-skill.json"), make_dialog_export(rng, export_bytes, mistake))
        write(os.path.join(folder, "studio", "WatsonPhone.json"), script_json(actions, "WatsonPhone"))
    else:
        write(os.path.join(folder, "phone-integration.yaml"), config_yaml(header, config_number, mistake, "WatsonPhone.xml"))
        write(os.path.join(folder, "exports", "action-skill.json"), make_export(rng, export_bytes, pool, mistake))
        write(os.path.join(folder, "studio", "WatsonPhone.xml"), script_xml(actions, "WatsonPhone"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", default="/tmp/cxlint-corpus", help="folder to write (default /tmp/cxlint-corpus)")
    parser.add_argument("--bundles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-export-kb", type=int, default=50)
    parser.add_argument("--max-export-kb", type=int, default=400, help="exports are log-uniform between min and max")
    parser.add_argument("--export-kb", type=int, help="every export exactly this size (overrides min/max)")
    parser.add_argument("--min-actions", type=int, default=20)
    parser.add_argument("--max-actions", type=int, default=600, help="scripts are log-uniform between min and max")
    parser.add_argument("--script-actions", type=int, help="every script exactly this many actions")
    parser.add_argument("--web-share", type=float, default=0.3, help="share of bundles in web Studio JSON + dialog skill")
    parser.add_argument("--mistake-share", type=float, default=0.33)
    parser.add_argument("--mistake", choices=MISTAKES, help="seed this mistake in every bundle")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pool = load_action_pool()
    for index in range(args.bundles):
        export_kb = args.export_kb or log_uniform(rng, args.min_export_kb, args.max_export_kb)
        actions = args.script_actions or log_uniform(rng, args.min_actions, args.max_actions)
        web = rng.random() < args.web_share
        mistake = args.mistake or (rng.choice(MISTAKES) if rng.random() < args.mistake_share else None)
        write_bundle(os.path.join(args.out, f"bundle-{index:04d}"), rng, pool, export_kb * 1024, actions, web, mistake)


if __name__ == "__main__":
    main()
