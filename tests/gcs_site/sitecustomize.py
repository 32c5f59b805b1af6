"""Test-only start-up hook: Python processes started by the GCS emulator tests (the CLI,
Beam's worker processes) skip Beam's Google credential discovery.

The emulator fixture puts this folder on PYTHONPATH, so Python imports this module at
start-up. See `beam_anonymous` for what it does and why.
"""

from beam_anonymous import install

install()
