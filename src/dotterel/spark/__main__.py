"""``python -m dotterel.spark`` / ``spark-submit .../dotterel/spark/__main__.py``: run the job."""

import sys

from dotterel.spark.job import main

if __name__ == "__main__":
    sys.exit(main())
