"""Article 3, "Pronóstico de Ventas con Redes Neuronales": sales forecasting with small networks, done honestly.

    from aprende.forecast import train_forecaster, load_forecaster, predict, evaluate
    result = train_forecaster("ventas.csv")               # ForecastResult: run_dir, metrics, best, plots
    table = load_forecaster(result.run_dir).forecast(28)  # or predict(result.run_dir, 28): forecast.csv and .png
"""

from aprende.forecast.backtest import evaluate
from aprende.forecast.data import SalesSeries, read_sales_csv
from aprende.forecast.run import Forecaster, ForecastTable, load_forecaster, predict
from aprende.forecast.train import ForecastResult, ForecastSettings, default_train_config, train_forecaster

__all__ = ["ForecastResult", "ForecastSettings", "ForecastTable", "Forecaster", "SalesSeries", "default_train_config",
           "evaluate", "load_forecaster", "predict", "read_sales_csv", "train_forecaster"]
