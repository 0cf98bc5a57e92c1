"""`python -m copilot.cli` runs the command line."""

from copilot.cli import main

main()
