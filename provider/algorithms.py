"""The algorithms the provider offers, in toolbox order."""
from .generate_demo import GenerateDemoAlgorithm
from .praatplaat import PraatplaatAlgorithm
from .question_layer import QuestionLayerAlgorithm

ALGORITHMS = (GenerateDemoAlgorithm, QuestionLayerAlgorithm, PraatplaatAlgorithm)
