"""Article 2, "Detección de Objetos con Python": YOLO object detection on the user's own annotated images."""

from aprende.detection.data import DetectionData, Sample, load_detection, open_data
from aprende.detection.evaluate import evaluate_run
from aprende.detection.predict import predict
from aprende.detection.train import DetectSettings, default_train_config, train

__all__ = ["DetectionData", "DetectSettings", "Sample", "default_train_config", "evaluate_run", "load_detection",
           "open_data", "predict", "train"]
