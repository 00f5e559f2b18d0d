"""Articles 4 and 5: image classification on your own folders, and the CNN made visible."""

from aprende.vision.data import ImageData, load_fashion_data, load_folder
from aprende.vision.demo import demo
from aprende.vision.evaluate import evaluate_run as evaluate
from aprende.vision.explain import explain
from aprende.vision.predict import predict
from aprende.vision.scratch import conv2d, pool2d
from aprende.vision.train import ClassifyResult, ClassifySettings, default_train_config, train

__all__ = ["ClassifyResult", "ClassifySettings", "ImageData", "conv2d", "default_train_config", "demo", "evaluate",
           "explain", "load_fashion_data", "load_folder", "pool2d", "predict", "train"]
