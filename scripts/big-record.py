#!/usr/bin/env python3
"""Writes one record (text format, docs/design.md section 2) with N tenure rows, for
measuring the memory one large record costs (docs/reliability/large-record.md, issue 14).

Every row has its own holder name (made of syllables, so no two rows collapse into
one tenure), its own start and end dates and a party, so each row gives its own
tenure, person and succession links.

    python3 scripts/big-record.py N > big.txt
"""
import datetime
import sys

SYLLABLES = [
    "an", "bo", "ca", "da", "el", "fa", "gi", "ha", "io", "ju", "ka", "lo",
    "ma", "ne", "or", "pa", "qu", "ra", "se", "ti", "ul", "va", "wi", "xo",
    "ya", "ze", "mi", "no", "ri", "su", "te", "vo",
]
PARTIES = ["Liberal", "Conservative", "Labour", "Green", "Independent", "Whig"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]


def word(n, length):
    """The n-th word of `length` syllables, capitalised."""
    parts = []
    for _ in range(length):
        parts.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
    return "".join(parts).capitalize()


def name(i):
    # 32^3 given names x 32^3 family names: distinct for every i below 2^30.
    return f"{word(i % 32768, 3)} {word(i // 32768, 3)}"


def date(d):
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: big-record.py N  (N tenure rows on stdout)")
    n = int(sys.argv[1])
    out = sys.stdout
    out.write("= Mayor of Bigtown =\n\n")
    out.write("Infobox\n- Appointer: City Council\n- Termlength: One year\n\n")
    out.write("The Mayor of Bigtown is the head of the city council of Bigtown.\n\n")
    out.write("== List of mayors ==\n")
    out.write("| No. | Name | Took office | Left office | Party |\n")
    first = datetime.date(1800, 1, 1)
    span = 80000  # days: starts run from 1800 to about 2019, then start again
    for i in range(n):
        start = first + datetime.timedelta(days=i % span)
        end = start + datetime.timedelta(days=1 + i % 700)
        out.write(
            f"| {i + 1} | {name(i)} | {date(start)} | {date(end)} | "
            f"{PARTIES[i % len(PARTIES)]} |\n"
        )


if __name__ == "__main__":
    main()
