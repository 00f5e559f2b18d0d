"""Articles 4 and 5: image classification on your own folders, and the CNN made visible.

    from aprende.vision import train_classifier, load_classifier, predict_images, explain_image
    result = train_classifier("mis_fotos/")              # ClassifyResult: run_dir, metrics, classes, plots
    classifier = load_classifier(result.run_dir)         # or load_classifier() for the shipped model
"""

from aprende.vision.data import ImageData, load_fashion_data, load_folder
from aprende.vision.demo import DemoResult, kernel_demo
from aprende.vision.evaluate import EvalResult, evaluate_run
from aprende.vision.explain import Explanation, explain_image
from aprende.vision.predict import Prediction, predict_images
from aprende.vision.run import Classifier, dataset_for_run, load_classifier
from aprende.vision.scratch import conv2d, pool2d
from aprende.vision.train import ClassifyResult, ClassifySettings, default_train_config, train_classifier

__all__ = ["Classifier", "ClassifyResult", "ClassifySettings", "DemoResult", "EvalResult", "Explanation", "ImageData",
           "Prediction", "conv2d", "dataset_for_run", "default_train_config", "evaluate_run", "explain_image",
           "kernel_demo", "load_classifier", "load_fashion_data", "load_folder", "pool2d", "predict_images",
           "train_classifier"]
