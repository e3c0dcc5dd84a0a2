#!/usr/bin/env python3
"""A throwaway identity provider for bench/auth-cost.sh: an RSA key pair, its JWK set and
one RS256 token signed with it.

usage: jwt.py DIR ISSUER ROLE

Writes DIR/jwks.json (serve it over loopback, e.g. python3 -m http.server) and prints a
token with iss ISSUER, sub bench-jwt, roles [ROLE] and an expiry an hour away. Needs the
cryptography package (Debian: python3-cryptography).
"""
import base64
import json
import os
import sys
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

directory, issuer, role = sys.argv[1], sys.argv[2], sys.argv[3]


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def number(value):
    return b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))


key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
public = key.public_key().public_numbers()
jwks = {"keys": [{"kty": "RSA", "kid": "bench", "use": "sig", "alg": "RS256", "n": number(public.n), "e": number(public.e)}]}
os.makedirs(directory, exist_ok=True)
with open(os.path.join(directory, "jwks.json"), "w") as out:
    json.dump(jwks, out)

now = int(time.time())
header = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "bench"}).encode())
claims = b64(json.dumps({"iss": issuer, "sub": "bench-jwt", "iat": now, "nbf": now, "exp": now + 3600,
                         "roles": [role]}).encode())
signing_input = f"{header}.{claims}".encode()
signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
print(f"{header}.{claims}.{b64(signature)}")
