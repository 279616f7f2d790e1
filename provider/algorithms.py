"""The algorithms the provider offers, in toolbox order."""
from .generate_demo import GenerateDemoAlgorithm

ALGORITHMS = (GenerateDemoAlgorithm,)
