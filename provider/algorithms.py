"""The algorithms the provider offers, in toolbox order."""
from .audit_release import AuditReleaseAlgorithm
from .build_release import BuildReleaseAlgorithm
from .generate_demo import GenerateDemoAlgorithm
from .praatplaat import PraatplaatAlgorithm
from .question_layer import QuestionLayerAlgorithm

ALGORITHMS = (GenerateDemoAlgorithm, BuildReleaseAlgorithm, AuditReleaseAlgorithm,
              QuestionLayerAlgorithm, PraatplaatAlgorithm)
