"""Article 3, "Pronóstico de Ventas con Redes Neuronales": sales forecasting with small networks, done honestly."""

from aprende.forecast.data import SalesSeries, read_sales_csv
from aprende.forecast.predict import evaluate, predict
from aprende.forecast.train import ForecastResult, ForecastSettings, default_train_config, train

__all__ = ["ForecastResult", "ForecastSettings", "SalesSeries", "default_train_config", "evaluate", "predict",
           "read_sales_csv", "train"]
