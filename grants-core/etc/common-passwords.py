#!/usr/bin/env python3
"""Builds grants-core/src/main/resources/wales/gov/grants/users/common-passwords.txt, the deny-list of new passwords.

Input: src/passwords.json of the npm package @zxcvbn-ts/language-common 4.1.3 (MIT licence, copyright Dan Wheeler,
Dropbox, Inc. and @zxcvbn-ts): the most common passwords, most common first, as zxcvbn ranks them from public
breach corpora. Get it with `npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz`.

New passwords must have at least 12 characters, so a listed password shorter than that could never be chosen anyway.
The list keeps, lower-cased (the check ignores case):
  - every listed password of 12 characters or more;
  - the top 1,000 padded the way people pad a short password to meet a length rule (digits, years, '!', the word
    repeated), where that makes 12 to 64 characters;
  - words anyone would try on this service (its name, the Welsh Government's, the demo password).
Usage: common-passwords.py passwords.json > common-passwords.txt
"""
import json
import sys

SUFFIXES = ["1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "!", "1!", "12!", "123!", "1234!",
            "!!", "01", "69", "007", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "@123", "#1"]
SERVICE = ["grants", "grant", "wales", "cymru", "welshgovernment", "llywodraethcymru", "gov.wales", "llyw.cymru",
           "password", "admin", "administrator", "demo-password", "demopassword", "changeme", "welcome", "letmein",
           "croeso", "cardiff", "caerdydd", "swansea", "abertawe", "dragon", "ddraig"]


def main():
    passwords = [entry.lower() for entry in json.load(open(sys.argv[1], encoding="utf-8"))]
    kept = []
    seen = set()

    def keep(candidate):
        if 12 <= len(candidate) <= 64 and candidate not in seen:
            seen.add(candidate)
            kept.append(candidate)

    for password in passwords:
        keep(password)
    for base in passwords[:1000] + SERVICE:
        keep(base + base)
        for suffix in SUFFIXES:
            keep(base + suffix)
    for word in SERVICE:
        keep(word)
        for suffix in SUFFIXES:
            keep(word + suffix)
            keep(word + "-" + suffix)
    print("# Common passwords refused as new passwords (compared ignoring case). Built by grants-core/etc/common-passwords.py")
    print("# from @zxcvbn-ts/language-common 4.1.3 (MIT licence, (c) 2012-2016 Dan Wheeler and Dropbox, Inc., (c) 2021")
    print("# @zxcvbn-ts); see that script for what is kept and why. One password a line; lines starting with # are comments.")
    for password in kept:
        print(password)


main()
