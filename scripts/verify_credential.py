#!/usr/bin/env python3
"""Checks folio's signed verdicts without folio: an independent verifier of
W3C Verifiable Credentials with an eddsa-jcs-2022 proof whose key is a
did:key, and of the evidence digest a verdict credential carries.

    python3 verify_credential.py credentials.json [--document portfolio.json]

credentials.json holds one credential or an array (`folio export
credentials`). With --document (a folio JSON document, `folio export json`),
each credential's evidence digest is recomputed from the entry it names.
Needs PyNaCl, rfc8785 and base58 (pip install pynacl rfc8785 base58).
Prints one line per credential; exits 0 when every one verifies."""

import hashlib
import json
import sys

import base58
import nacl.exceptions
import nacl.signing
import rfc8785


def public_key(did_or_method):
    did = did_or_method.split("#")[0]
    if not did.startswith("did:key:z"):
        raise ValueError(f"not a did:key: {did}")
    raw = base58.b58decode(did[len("did:key:z"):])
    if raw[:2] != b"\xed\x01" or len(raw) != 34:
        raise ValueError("not an Ed25519 did:key")
    return nacl.signing.VerifyKey(raw[2:])


def verify(credential):
    """The signer's did:key, or an exception."""
    document = dict(credential)
    options = dict(document.pop("proof"))
    proof_value = options.pop("proofValue")
    if options.get("type") != "DataIntegrityProof" or options.get("cryptosuite") != "eddsa-jcs-2022":
        raise ValueError("not an eddsa-jcs-2022 DataIntegrityProof")
    if "@context" in options and options["@context"] != document.get("@context"):
        raise ValueError("the proof's @context differs")
    data = hashlib.sha256(rfc8785.dumps(options)).digest() + hashlib.sha256(rfc8785.dumps(document)).digest()
    if not proof_value.startswith("z"):
        raise ValueError("proofValue is not base58btc")
    public_key(options["verificationMethod"]).verify(data, base58.b58decode(proof_value[1:]))
    issuer = document["issuer"]["id"] if isinstance(document["issuer"], dict) else document["issuer"]
    signer = options["verificationMethod"].split("#")[0]
    if issuer.startswith("did:key:") and issuer != signer:
        raise ValueError("the issuer is not the signing key")
    return signer


def evidence_digest(entry):
    """folio-evidence-1, as docs/trust.md defines it."""
    content = {
        "title": entry["title"],
        "date": entry["date"],
        "body": entry.get("body", ""),
        "sections": [{"name": s["name"], "text": s["text"]} for s in entry.get("sections", [])],
        "claims": sorted(c["ref"] for c in entry.get("claims", [])),
        "attachments": sorted(a["sha256"].lower() for a in entry.get("attachments", [])),
    }
    return hashlib.sha256(rfc8785.dumps(content)).hexdigest()


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        loaded = json.load(f)
    credentials = loaded if isinstance(loaded, list) else [loaded]
    entries = {}
    if len(argv) > 3 and argv[2] == "--document":
        with open(argv[3], encoding="utf-8") as f:
            entries = {e["uuid"]: e for e in json.load(f)["entries"]}
    failed = 0
    for credential in credentials:
        subject = credential.get("credentialSubject", {})
        name = subject.get("entryTitle", credential.get("id", "?"))
        try:
            signer = verify(credential)
        except (ValueError, KeyError, nacl.exceptions.BadSignatureError) as e:
            print(f"FAIL {name}: {e or 'the signature does not verify'}")
            failed += 1
            continue
        entry = entries.get(subject.get("id", "").removeprefix("urn:uuid:"))
        if entry is not None and evidence_digest(entry) != subject["evidenceDigest"]["sha256"]:
            print(f"CHANGED {name}: signed by {signer}, but the entry is not what was judged")
            failed += 1
            continue
        issuer = credential["issuer"]
        who = issuer.get("name", signer) if isinstance(issuer, dict) else issuer
        print(f"OK {name}: signed by {who} ({signer})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
