"""Article 3, "Pronóstico de Ventas con Redes Neuronales": sales forecasting with small networks, done honestly.

    from aprende.forecast import train_forecaster, load_forecaster, predict, evaluate
    result = train_forecaster("ventas.csv")               # ForecastResult: run_dir, metrics, best, plots
    table = load_forecaster(result.run_dir).forecast(28)  # or predict(result.run_dir, 28): forecast.csv and .png
"""

from aprende.core.lazy import lazy_exports

# public name -> the module that defines it; imported on first use, so `aprende --help` stays fast
EXPORTS = {
    "evaluate": "aprende.forecast.backtest",
    "SalesSeries": "aprende.forecast.data",
    "read_sales_csv": "aprende.forecast.data",
    "Forecaster": "aprende.forecast.run",
    "ForecastTable": "aprende.forecast.run",
    "load_forecaster": "aprende.forecast.run",
    "predict": "aprende.forecast.run",
    "ForecastResult": "aprende.forecast.train",
    "ForecastSettings": "aprende.forecast.train",
    "default_train_config": "aprende.forecast.train",
    "train_forecaster": "aprende.forecast.train",
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
