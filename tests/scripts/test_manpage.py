#!/usr/bin/env python3
"""The man page (resources/corelab.1) and the program's help must not drift apart.

Usage: test_manpage.py CORELAB MANPAGE

Every command `corelab --help` lists has a ".SS corelab COMMAND" section; every option a
command's own --help lists is named in that command's section; every option
`corelab --help` lists is named somewhere; every workload `corelab run --help` lists is
named in the run section. The other way round, every option the man page names is one
some help lists (a workload parameter counts), and every command section is a command.
Then the check is run on two spoiled copies of the page to show that it can fail.
"""
import re
import subprocess
import sys

OPTION = re.compile(r"--[a-z][a-z0-9-]*")


def run(corelab, *args):
    p = subprocess.run([corelab, *args], capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout


def command_help(corelab, command):
    """The command's own --help, or None when it has none (render today)."""
    code, out = run(corelab, command, "--help")
    return out if code == 0 and out.startswith("usage: corelab " + command) else None


def own_options(command, text):
    # run's workload parameters (indented six spaces) are listed by `corelab run --help`,
    # which the page points to, not one by one
    if command == "run":
        text = "\n".join(l for l in text.splitlines() if not re.match(r" {6}--", l))
    # "(see corelab run --help)": every command takes --help; the page says so once
    return set(OPTION.findall(text)) - {"--help"}


def read_helps(corelab):
    code, top = run(corelab, "--help")
    if code != 0:
        sys.exit(f"corelab --help exited with {code}")
    commands = sorted(set(re.findall(r"^(?:usage:)?\s+corelab ([a-z]+)\b", top, re.M)))
    helps = {c: command_help(corelab, c) for c in commands}
    return top, commands, helps


def plain(roff):
    """The page's words as a reader sees them: \\- is -, font changes are dropped."""
    text = roff.replace("\\-", "-").replace("\\&", "")
    return re.sub(r"\\f[BIRP]", "", text)


def sections(roff):
    """{command: roff of its '.SS corelab COMMAND' section}"""
    parts = re.split(r"^\.SS (.*)$", roff, flags=re.M)
    found = {}
    for title, body in zip(parts[1::2], parts[2::2]):
        body = re.split(r"^\.SH ", body, flags=re.M)[0]
        m = re.fullmatch(r"corelab ([a-z]+)", plain(title).strip())
        if m:
            found[m.group(1)] = body
    return found


def check(top, commands, helps, roff):
    problems = []
    page = plain(roff)
    per_command = sections(roff)
    for c in commands:
        if c not in per_command:
            problems.append(f"no '.SS corelab {c}' section for a command --help lists")
    for c in per_command:
        if c not in commands:
            problems.append(f"section 'corelab {c}' names no command --help lists")
    for opt in sorted(OPTION.findall(top)):
        if not re.search(re.escape(opt) + r"(?![a-z0-9-])", page):
            problems.append(f"{opt} (corelab --help) is not in the man page")
    for c, text in helps.items():
        if text is None or c not in per_command:
            continue
        body = plain(per_command[c])
        for opt in sorted(own_options(c, text)):
            if not re.search(re.escape(opt) + r"(?![a-z0-9-])", body):
                problems.append(f"{opt} (corelab {c} --help) is not in the '{c}' section")
    if helps.get("run") and "run" in per_command:
        listing = helps["run"].split("Workloads and their parameters:", 1)[-1]
        for w in re.findall(r"^  ([a-z_]+): ", listing, re.M):
            if not re.search(r"^\.BR " + w + " ", per_command["run"], re.M):
                problems.append(f"workload {w} (corelab run --help) is not in the 'run' section")
    known = set(OPTION.findall(top))
    for text in helps.values():
        known |= set(OPTION.findall(text or ""))
    for opt in sorted(set(OPTION.findall(page)) - known):
        problems.append(f"{opt} is in the man page but no --help lists it")
    return problems


def main():
    corelab, manpage = sys.argv[1], sys.argv[2]
    top, commands, helps = read_helps(corelab)
    with open(manpage, encoding="utf-8") as f:
        roff = f.read()
    if len(commands) < 5 or "run" not in commands:
        sys.exit(f"found only these commands in corelab --help: {commands}")

    problems = check(top, commands, helps, roff)
    for p in problems:
        print("manpage:", p)
    if problems:
        return 1

    # the check can fail: an option dropped from a section, an option no help lists
    compare = sections(roff)["compare"]
    dropped = roff.replace(compare, compare.replace("\\-\\-json", "JSON"))
    if not any("--json (corelab compare --help)" in p for p in check(top, commands, helps, dropped)):
        sys.exit("selftest: dropping --json from 'compare' went unnoticed")
    invented = roff.replace(".SH EXIT STATUS", ".B \\-\\-no\\-such\\-option\n.SH EXIT STATUS")
    if not any("--no-such-option" in p for p in check(top, commands, helps, invented)):
        sys.exit("selftest: an option no help lists went unnoticed")
    print(f"manpage: {len(commands)} commands and their options agree with --help")
    return 0


if __name__ == "__main__":
    sys.exit(main())
