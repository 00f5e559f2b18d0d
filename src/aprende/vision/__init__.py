"""Articles 4 and 5: image classification on your own folders, and the CNN made visible.

    from aprende.vision import train_classifier, load_classifier, predict_images, explain_image
    result = train_classifier("mis_fotos/")              # ClassifyResult: run_dir, metrics, classes, plots
    classifier = load_classifier(result.run_dir)         # or load_classifier() for the shipped model
"""

from aprende.core.lazy import lazy_exports

# public name -> the module that defines it; imported on first use, so `aprende --help` stays fast
EXPORTS = {
    "ImageData": "aprende.vision.data",
    "load_fashion_data": "aprende.vision.data",
    "load_folder": "aprende.vision.data",
    "DemoResult": "aprende.vision.demo",
    "kernel_demo": "aprende.vision.demo",
    "EvalResult": "aprende.vision.evaluate",
    "evaluate_run": "aprende.vision.evaluate",
    "Explanation": "aprende.vision.explain",
    "explain_image": "aprende.vision.explain",
    "Prediction": "aprende.vision.predict",
    "predict_images": "aprende.vision.predict",
    "Classifier": "aprende.vision.run",
    "dataset_for_run": "aprende.vision.run",
    "load_classifier": "aprende.vision.run",
    "conv2d": "aprende.vision.scratch",
    "pool2d": "aprende.vision.scratch",
    "ClassifyResult": "aprende.vision.evaluate",
    "ClassifySettings": "aprende.vision.train",
    "default_train_config": "aprende.vision.train",
    "train_classifier": "aprende.vision.train",
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
