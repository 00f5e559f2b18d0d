"""Article 2, "Detección de Objetos con Python": YOLO object detection on the user's own annotated images."""

from aprende.core.lazy import lazy_exports

# public name -> the module that defines it; imported on first use, so `aprende --help` stays fast
EXPORTS = {
    "DetectionData": "aprende.detection.data",
    "Sample": "aprende.detection.data",
    "load_detection": "aprende.detection.data",
    "open_data": "aprende.detection.data",
    "evaluate_run": "aprende.detection.evaluate",
    "export_onnx": "aprende.detection.export",
    "PredictResult": "aprende.detection.predict",
    "predict_objects": "aprende.detection.predict",
    "load_detector": "aprende.detection.run",
    "load_model": "aprende.detection.run",
    "Detector": "aprende.detection.runtime",
    "AnchorSettings": "aprende.detection.settings",
    "DetectSettings": "aprende.detection.settings",
    "PredictSettings": "aprende.detection.settings",
    "default_train_config": "aprende.detection.settings",
    "DetectResult": "aprende.detection.train",
    "train_detector": "aprende.detection.train",
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
