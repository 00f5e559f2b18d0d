"""Article 2, "Detección de Objetos con Python": YOLO object detection on the user's own annotated images."""

from aprende.detection.data import DetectionData, Sample, load_detection, open_data
from aprende.detection.evaluate import evaluate_run
from aprende.detection.export import export_onnx
from aprende.detection.predict import predict
from aprende.detection.runtime import Detector, load_detector
from aprende.detection.train import DetectSettings, default_train_config, train

__all__ = ["DetectionData", "DetectSettings", "Detector", "Sample", "default_train_config", "evaluate_run",
           "export_onnx", "load_detection", "load_detector", "open_data", "predict", "train"]
