import sys

from exercises.instructors.cli import main

sys.exit(main())
