#!/usr/bin/python3
"""Prints a stored .eml as JSON, parsed by Python's email package (not by our own code):

    {"headers": {name: raw value}, "subject": decoded, "from": ..., "to": ...,
     "parts": [{"content_type", "charset", "transfer_encoding", "body": decoded text}]}

"parts" lists the leaf parts in order, whatever the multipart nesting.
"""

import email
import email.policy
import json
import sys


def main():
    with open(sys.argv[1], "rb") as source:
        raw = email.message_from_binary_file(source, policy=email.policy.compat32)
    with open(sys.argv[1], "rb") as source:
        decoded = email.message_from_binary_file(source, policy=email.policy.default)
    parts = []
    for part in decoded.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset() or "",
            "transfer_encoding": part.get("Content-Transfer-Encoding", ""),
            "body": part.get_content(),
        })
    print(json.dumps({
        "headers": {name: str(value) for name, value in raw.items()},
        "content_type": decoded.get_content_type(),
        "subject": str(decoded["Subject"]),
        "from": str(decoded["From"]),
        "to": str(decoded["To"]),
        "parts": parts,
    }))


if __name__ == "__main__":
    main()
