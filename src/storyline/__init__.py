"""storyline: raw news pages in, the story they tell out."""
from storyline.model import PIPELINE_VERSION

__version__ = "0.1.0"
__all__ = ["PIPELINE_VERSION", "__version__"]
