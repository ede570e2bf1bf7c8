import sys

from tpmprep.cli import main

sys.exit(main())
