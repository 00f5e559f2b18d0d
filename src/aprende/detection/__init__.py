"""Article 2, "Detección de Objetos con Python": YOLO object detection on the user's own annotated images."""

from aprende.detection.data import DetectionData, Sample, load_detection, open_data
from aprende.detection.evaluate import evaluate_run
from aprende.detection.export import export_onnx
from aprende.detection.predict import PredictResult, predict_objects
from aprende.detection.run import load_detector, load_model
from aprende.detection.runtime import Detector
from aprende.detection.settings import AnchorSettings, DetectSettings, PredictSettings, default_train_config
from aprende.detection.train import DetectResult, train_detector

__all__ = ["AnchorSettings", "DetectResult", "DetectSettings", "DetectionData", "Detector", "PredictResult",
           "PredictSettings", "Sample", "default_train_config", "evaluate_run", "export_onnx", "load_detection",
           "load_detector", "load_model", "open_data", "predict_objects", "train_detector"]
