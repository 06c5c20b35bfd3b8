#!/usr/bin/env python3
"""Prints why the tests of one result file failed (message, the top of the stack, the test's own output), so that a
CI log that keeps only the console shows the cause, not just the failing test's name. Standard library only."""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
LIMIT = 40  # lines per failing test


def main(path: str) -> None:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        print(f"  (no readable result file {path}: {error})")
        return
    for result in root.iter(NS + "UnitTestResult"):
        if result.get("outcome") != "Failed":
            continue
        print(f"  --- {result.get('testName')}")
        output = result.find(NS + "Output")
        parts = []
        if output is not None:
            for tag in ("ErrorInfo/" + NS + "Message", "ErrorInfo/" + NS + "StackTrace", "StdOut"):
                node = output.find(NS + tag)
                if node is not None and node.text:
                    parts.append(node.text.strip())
        lines = "\n".join(parts).splitlines()
        for line in lines[:LIMIT]:
            print("  " + line)
        if len(lines) > LIMIT:
            print(f"  ... ({len(lines) - LIMIT} more lines in {path})")


if __name__ == "__main__":
    main(sys.argv[1])
