"""Article 2, "Detección de Objetos con Python": YOLO object detection on the user's own annotated images."""

from aprende.detection.data import DetectionData, Sample, load_detection

__all__ = ["DetectionData", "Sample", "load_detection"]
