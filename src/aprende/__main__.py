"""Allow `python -m aprende`."""

from aprende.cli import main

if __name__ == "__main__":
    main()
