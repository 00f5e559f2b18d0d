"""The help text of each `aprende forecast` option, in Spanish and English."""

MESSAGES = {
    'forecast.opt.csv': (
        'CSV propio con fecha y cantidad (con o sin cabecera; separador , ; o tabulador).',
        'Your own CSV with a date and a quantity (header or not; separator , ; or tab).',
    ),
    'forecast.opt.csv_history': (
        'CSV con la historia a usar (por defecto, la guardada en la ejecución).',
        'CSV with the history to use (default: the one saved in the run).',
    ),
    'forecast.opt.csv_article': (
        'time_series.csv del artículo (por defecto, la copia que trae el paquete, o la de «aprende data get ventas-articulo» si la bajaste).',
        'The article\'s time_series.csv (default: the copy shipped in the package, or the one from "aprende data get ventas-articulo" if you fetched it).',
    ),
    'forecast.opt.dataset': (
        'Conjunto de datos con nombre (por defecto «tienda», generado).',
        'Named data set (default "tienda", generated).',
    ),
    'forecast.opt.date_col': (
        'Columna de la fecha (nombre o número desde 1).',
        'Date column (name or number from 1).',
    ),
    'forecast.opt.value_col': (
        'Columna de la cantidad (nombre o número desde 1).',
        'Quantity column (name or number from 1).',
    ),
    'forecast.opt.model': (
        'mlp, calendar, embeddings, varios separados por comas, o all.',
        'mlp, calendar, embeddings, several separated by commas, or all.',
    ),
    'forecast.opt.model_one': (
        'Modelo a usar (por defecto, el mejor del backtest).',
        'Model to use (default: the best in the backtest).',
    ),
    'forecast.opt.lags': (
        'Pasos previos que ve cada modelo (por defecto, con una serie 14 días, 13 semanas o 12 meses; con muchas 28 días, 52 semanas o 12 meses).',
        'Previous steps each model sees (default: with one series 14 days, 13 weeks or 12 months; with many 28 days, 52 weeks or 12 months).',
    ),
    'forecast.opt.members': (
        'Redes de cada tipo que se entrenan a la vez y se promedian (por defecto 5).',
        'Networks of each kind trained together and averaged (default 5).',
    ),
    'forecast.opt.hidden': (
        'Neuronas de cada capa oculta.',
        'Neurons per hidden layer.',
    ),
    'forecast.opt.layers': (
        'Número de capas ocultas.',
        'Number of hidden layers.',
    ),
    'forecast.opt.dropout': (
        'Dropout entre capas.',
        'Dropout between layers.',
    ),
    'forecast.opt.calendar': (
        'daily: un paso por día natural, días cerrados marcados; observed: filas consecutivas como en el artículo.',
        'daily: one step per calendar day, closed days marked; observed: rows as consecutive steps, as in the article.',
    ),
    'forecast.opt.horizon': (
        'Días a pronosticar.',
        'Days to forecast.',
    ),
    'forecast.opt.name_predict': (
        'Nombre de la carpeta del pronóstico (por defecto predict, predict2, …).',
        'Name of the forecast folder (default predict, predict2, …).',
    ),
    'forecast.opt.id_col': (
        'Columna que identifica cada serie (producto, tienda) en una tabla larga fecha,id,unidades: un modelo global para todas.',
        'Column naming each series (product, shop) in a long date,id,units table: one global model for all of them.',
    ),
    'forecast.opt.static': (
        'Columnas fijas de cada serie (p. ej. tienda,categoría), aprendidas como embeddings; separadas por comas.',
        'Fixed columns of each series (e.g. shop,category), learnt as embeddings; comma-separated.',
    ),
    'forecast.opt.closed': (
        'Cómo distinguir un día cerrado de un 0 en una tabla larga: auto, rows (falta la fila = cerrado), days (fecha sin ninguna fila = cerrado; si no, 0) o none (nunca cierra).',
        'How to tell a closed day from a 0 in a long table: auto, rows (missing row = closed), days (a date with no row at all = closed; otherwise 0) or none (never closes).',
    ),
    'forecast.opt.center': (
        'Restar a los retrasos y al objetivo la media de la última semana (el nivel reciente) y sumarla a la predicción: así la red sigue una tendencia más allá de lo visto al entrenar.',
        'Subtract the last week\'s mean (the recent level) from the lags and the target, and add it back to the forecast: the network then follows a trend beyond what it saw in training.',
    ),
    'forecast.opt.window_scale': (
        'Dividir los retrasos y el objetivo por la media de los retrasos, para que la red prediga cada paso como una '
        'proporción del nivel reciente y siga un nivel que se mueve (por defecto, sí con muchas series diarias o '
        'mensuales salvo con --center; no con series semanales ni con una sola).',
        'Divide the lags and the target by the lags\' mean, so the network predicts each step as a share of the '
        'recent level and follows a level that moves (default: on with many daily or monthly series unless --center; '
        'off with weekly series and with one).',
    ),
    'forecast.opt.refit': (
        'En el backtest, reentrenar las redes en cada origen (como los modelos estadísticos) en vez de una sola vez.',
        'In the backtest, refit the networks at every origin (as the statistical models do) instead of once.',
    ),
    'forecast.opt.covariates': (
        'Columnas del CSV que también conoces para los días por venir (precio, promo…), separadas por comas: la red las lee en cada paso que pronostica; predict las pide con --future.',
        'CSV columns you also know for the days ahead (price, promo…), comma-separated: the network reads them for each step it forecasts; predict asks for them with --future.',
    ),
    'forecast.opt.future': (
        'CSV con la fecha y los valores conocidos (--covariates del entrenamiento) de cada paso que se pronostica, desde el siguiente a la historia, sin huecos.',
        'CSV with the date and the known values (training\'s --covariates) of each step to forecast, from the one after the history, with no gaps.',
    ),
    'forecast.opt.freq': (
        'Frecuencia de los datos: auto (se deduce de las fechas), D diaria, W semanal, M mensual.',
        'Frequency of the data: auto (read from the dates), D daily, W weekly, M monthly.',
    ),
    'forecast.opt.country': (
        'País de los festivos (código del paquete holidays: ES, MX, AR, CO, US…; con región: ES-MD).',
        'Country of the public holidays (a holidays package code: ES, MX, AR, CO, US…; with a region: ES-MD).',
    ),
    'forecast.opt.bt_horizon': (
        'Pasos de cada ventana del backtest (por defecto 7 días, 4 semanas o 3 meses).',
        'Steps in each backtest window (default 7 days, 4 weeks or 3 months).',
    ),
    'forecast.opt.windows': (
        'Ventanas del backtest (por defecto 12 diarias, 13 semanales, 4 mensuales).',
        'Backtest windows (default 12 daily, 13 weekly, 4 monthly).',
    ),
}
