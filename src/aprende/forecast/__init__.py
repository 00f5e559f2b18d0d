"""Article 3, "Pronóstico de Ventas con Redes Neuronales": sales forecasting with small networks, done honestly."""

from aprende.forecast.backtest import evaluate
from aprende.forecast.data import SalesSeries, read_sales_csv
from aprende.forecast.run import Forecaster, ForecastTable, load_forecaster, predict
from aprende.forecast.training import ForecastResult, ForecastSettings, default_train_config, train

__all__ = ["ForecastResult", "ForecastSettings", "ForecastTable", "Forecaster", "SalesSeries", "default_train_config",
           "evaluate", "load_forecaster", "predict", "read_sales_csv", "train"]
