"""How passwords are stored: Argon2id at OWASP's recommended cost.

Django's default, PBKDF2 with 1,000,000 iterations of SHA-256, costs about 0.2 s
of a core per login on purpose (CPU time is all it asks of an attacker). A login
storm (a team arriving at 9:00, the load test's ramp) then holds the web
workers' cores and stalls every page view behind it (docs/performance.md).
Argon2id is memory-hard: each guess needs its own 19 MiB, which is what makes
guessing on GPUs expensive, so the same defence costs about 16 ms of a core.

These are OWASP's Password Storage Cheat Sheet parameters (m=19 MiB, t=2, p=1),
which it rates equal to PBKDF2-HMAC-SHA256 at 600,000 iterations. Django's own
Argon2 defaults (100 MiB, 8 lanes) cost as much CPU as PBKDF2 here, and
parallel lanes only spread one login over the cores a page view needs.

Existing hashes (PBKDF2, or Argon2 with other parameters) still verify, and
Django rewrites them with these parameters at the user's next login
(settings.PASSWORD_HASHERS lists the older ones after this one).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    # The same algorithm name as Django's: its hashes are recognised, and re-hashed when their parameters differ.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
