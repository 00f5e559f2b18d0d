"""Messages of the forecasting lab: Spanish first, English beside it, so the two cannot drift (the options' help
texts are in options/)."""

MESSAGES = {
    'csv.missing': (
        'No existe el archivo {path}. Revisa la ruta.',
        'The file {path} does not exist. Check the path.',
    ),
    'csv.not_file': (
        '{path} no es un archivo (¿es una carpeta?). Indica un archivo CSV.',
        '{path} is not a file (a folder?). Give a CSV file.',
    ),
    'csv.binary': (
        '{path} no parece un CSV de texto (UTF-8 o Latin-1). Exporta los datos como CSV.',
        '{path} does not look like a text CSV (UTF-8 or Latin-1). Export the data as CSV.',
    ),
    'csv.empty': (
        'El archivo {path} está vacío. Necesita filas «fecha,unidades».',
        'The file {path} is empty. It needs "date,units" rows.',
    ),
    'csv.no_rows': (
        '{path} solo tiene la cabecera; no hay filas de datos.',
        '{path} has only a header; there are no data rows.',
    ),
    'csv.one_column': (
        '{path} tiene una sola columna (separador detectado «{sep}»). Hacen falta una fecha y una cantidad.',
        '{path} has a single column (separator detected "{sep}"). A date and a quantity are needed.',
    ),
    'csv.no_column': (
        '{path} no tiene la columna «{column}». Columnas disponibles: {columns}.',
        '{path} has no column "{column}". Available columns: {columns}.',
    ),
    'csv.ambiguous_date': (
        'No sé qué columna de {path} es la fecha (columnas: {columns}). Indícala con --date-col.',
        'Cannot tell which column of {path} is the date (columns: {columns}). Name it with --date-col.',
    ),
    'csv.ambiguous_value': (
        'No sé qué columna de {path} es la cantidad (columnas: {columns}). Indícala con --value-col.',
        'Cannot tell which column of {path} is the quantity (columns: {columns}). Name it with --value-col.',
    ),
    'csv.short_row': (
        '{path}, línea {line}: se esperaban al menos {expected} columnas y hay {got}. Corrige o borra esa línea.',
        '{path}, line {line}: expected at least {expected} columns, found {got}. Fix or delete that line.',
    ),
    'csv.bad_date': (
        '{path}, línea {line}: la fecha «{value}» no se entiende. Usa AAAA-MM-DD o DD/MM/AAAA en todo el archivo.',
        '{path}, line {line}: the date "{value}" cannot be read. Use YYYY-MM-DD or DD/MM/YYYY throughout the file.',
    ),
    'csv.bad_value': (
        '{path}, línea {line}: «{value}» no es un número. Corrige el valor o borra la línea.',
        '{path}, line {line}: "{value}" is not a number. Fix the value or delete the line.',
    ),
    'csv.huge_value': (
        '{path}, línea {line}: «{value}» no es una cantidad de ventas (infinita o de más de 10^15 en valor absoluto). Corrige el valor o borra la línea.',
        '{path}, line {line}: "{value}" is not a sales quantity (infinite, or above 10^15 in absolute value). Fix the value or delete the line.',
    ),
    'csv.bad_line': (
        '{path}, línea {line}: no se puede leer como CSV (¿un campo de más de {limit} caracteres?). Una fila de ventas es «fecha,cantidad»: corrige o borra esa línea.',
        '{path}, line {line}: cannot be read as CSV (a field longer than {limit} characters?). A sales row is "date,quantity": fix or delete that line.',
    ),
    'csv.date_range': (
        '{path}, línea {line}: la fecha «{value}» está fuera de los años {first}–{last} que puede tener una serie de ventas. Corrige la fecha.',
        '{path}, line {line}: the date "{value}" is outside the years {first}–{last} a sales series can have. Fix the date.',
    ),
    'csv.long_span': (
        '{path}: las fechas van de {first} a {last}, más de {years} años; una serie abarca como mucho {years_d} años si es diaria, {years_w} si es semanal y {years_m} si es mensual. Revisa las fechas o recorta el archivo.',
        '{path}: the dates run from {first} to {last}, more than {years} years; a series spans at most {years_d} years if daily, {years_w} if weekly and {years_m} if monthly. Check the dates or trim the file.',
    ),
    'csv.long_gap': (
        '{path}: entre {date1} (línea {line1}) y {date2} (línea {line2}) pasan {days} días sin datos, más de {limit}: eso son dos series, no una. Revisa esas fechas o divide el archivo.',
        '{path}: between {date1} (line {line1}) and {date2} (line {line2}) there are {days} days without data, more than {limit}: that is two series, not one. Check those dates or split the file.',
    ),
    'csv.duplicate_date': (
        '{path}: la fecha {date} aparece dos veces (líneas {line1} y {line2}). Deja una sola fila por día.',
        '{path}: the date {date} appears twice (lines {line1} and {line2}). Keep one row per day.',
    ),
    'csv.unsorted': (
        '{path} no estaba ordenado por fecha; se ha ordenado.',
        '{path} was not sorted by date; it has been sorted.',
    ),
    'csv.too_few': (
        '{path} tiene {rows} {rows:plural:paso|pasos} y «{what}» necesita al menos {needed} (retardos + validación + horizonte). Aporta más historia o reduce --lags.',
        '{path} has {rows} {rows:plural:step|steps} and "{what}" needs at least {needed} (lags + validation + horizon). Provide more history or lower --lags.',
    ),
    'forecast.help': (
        'Pronóstico de ventas con redes neuronales (artículo «Pronóstico de Ventas con Redes Neuronales»).',
        'Sales forecasting with neural networks (article "Pronóstico de Ventas con Redes Neuronales").',
    ),
    'forecast.train.help': (
        'Entrena los modelos, los evalúa con backtest frente a las referencias e imprime la comparación.',
        'Train the models, backtest them against the baselines and print the comparison.',
    ),
    'forecast.predict.help': (
        'Pronostica los próximos días con intervalo de predicción; escribe forecast.csv y forecast.png en una carpeta nueva (runs/forecast/predict, o --project/--name).',
        'Forecast the next days with a prediction interval; writes forecast.csv and forecast.png to a new folder (runs/forecast/predict, or --project/--name).',
    ),
    'forecast.evaluate.help': (
        'Backtest con origen móvil (horizonte 7, un origen cada 7 días en las últimas 12 semanas).',
        'Rolling-origin backtest (horizon 7, an origin every 7 days over the last 12 weeks).',
    ),
    'forecast.article.help': (
        'Reproduce el protocolo del artículo sobre sus datos y compara con sus cifras.',
        "Reproduce the article's protocol on its data and compare with its numbers.",
    ),
    'forecast.bad_model': (
        'Modelo desconocido «{name}». Elige entre: {choices}.',
        'Unknown model "{name}". Choose from: {choices}.',
    ),
    'forecast.bad_calendar': (
        'Calendario desconocido «{name}». Usa daily u observed.',
        'Unknown calendar "{name}". Use daily or observed.',
    ),
    'forecast.bad_members': (
        '--members debe estar entre 1 y {most} (recibido {n}).',
        '--members must be between 1 and {most} (got {n}).',
    ),
    'forecast.bad_lags': (
        '--lags debe estar entre 1 y 364 (recibido {n}).',
        '--lags must be between 1 and 364 (got {n}).',
    ),
    'forecast.bad_horizon': (
        '--horizon debe estar entre 1 y 366 (recibido {n}).',
        '--horizon must be between 1 and 366 (got {n}).',
    ),
    'forecast.bad_dataset': (
        '«{name}» no es un conjunto de datos de ventas. Usa --dataset tienda o --csv.',
        '"{name}" is not a sales data set. Use --dataset tienda or --csv.',
    ),
    'forecast.no_model': (
        'La ejecución {run} no tiene el modelo «{name}».',
        'The run {run} has no model "{name}".',
    ),
    'forecast.article_data': (
        'Faltan los datos del artículo. Ejecuta «aprende data get ventas-articulo» o indica --csv time_series.csv.',
        'The article\'s data is missing. Run "aprende data get ventas-articulo" or give --csv time_series.csv.',
    ),
    'forecast.table.title': (
        'Backtest: horizonte 7 días, 12 orígenes semanales (unidades)',
        'Backtest: 7-day horizon, 12 weekly origins (units)',
    ),
    'forecast.article.title': (
        'Protocolo del artículo: 30 días de validación, un paso adelante (MAE en unidades)',
        "The article's protocol: 30 validation days, one step ahead (MAE in units)",
    ),
    'forecast.article.note': (
        'Filas sin «+»: el tamaño del artículo (7 neuronas, 40 épocas); con «+»: el nuestro. (*) el modelo 3 del artículo entrenaba con sus filas de validación y no veía las ventas previas: su cifra no es comparable.',
        'Rows without "+": the article\'s size (7 neurons, 40 epochs); with "+": ours. (*) the article\'s model 3 trained on its validation rows and never saw past sales: its number is not comparable.',
    ),
    'forecast.col.model': (
        'modelo',
        'model',
    ),
    'forecast.col.seconds': (
        'SEGUNDOS',
        'SECONDS',
    ),
    'forecast.col.article': (
        'ARTÍCULO',
        'ARTICLE',
    ),
    'forecast.train.done': (
        'Ejecución guardada en {run}. Mejor modelo: {best}.',
        'Run saved in {run}. Best model: {best}.',
    ),
    'forecast.predict.done': (
        'Pronóstico ({model}) escrito en {csv} y {plot}',
        'Forecast ({model}) written to {csv} and {plot}',
    ),
    'forecast.plot.backtest': (
        'Backtest: pronósticos a 7 días desde cada origen',
        'Backtest: 7-day forecasts from every origin',
    ),
    'forecast.plot.forecast': (
        'Pronóstico con intervalo de predicción',
        'Forecast with prediction interval',
    ),
    'csv.duplicate_pair': (
        '{path}: la serie «{id}» tiene dos filas del {date} (líneas {line1} y {line2}). Deja una sola fila por día y serie.',
        '{path}: the series "{id}" has two rows for {date} (lines {line1} and {line2}). Keep one row per day and series.',
    ),
    'csv.empty_id': (
        '{path}, línea {line}: la columna «{column}» está vacía. Cada fila necesita el identificador de su serie.',
        '{path}, line {line}: the column "{column}" is empty. Every row needs the id of its series.',
    ),
    'csv.too_many_cells': (
        '{path} tiene {series} series × {days} días, más de {limit} celdas. Divide el archivo o agrega las series.',
        '{path} has {series} series × {days} days, more than {limit} cells. Split the file or aggregate the series.',
    ),
    'csv.too_few_id': (
        '{path}: la serie «{id}» tiene {rows} {rows:plural:periodo|periodos} (días, semanas o meses) desde su primera fila y «{what}» necesita al menos {needed} (retardos + validación + backtest); {count} {count:plural:serie es así de corta|series son así de cortas}. Quítalas del archivo o reduce --lags.',
        '{path}: the series "{id}" has {rows} {rows:plural:period|periods} (days, weeks or months) from its first row and "{what}" needs at least {needed} (lags + validation + backtest); {count} {count:plural:series is|series are} that short. Remove them from the file or lower --lags.',
    ),
    'forecast.one_id': (
        '{path}: la columna «{column}» tiene un solo valor («{id}»); se trata como una sola serie.',
        '{path}: the column "{column}" holds a single value ("{id}"); it is read as one series.',
    ),
    'forecast.bad_closed': (
        '--closed «{name}» no existe. Opciones: {choices}.',
        '--closed "{name}" does not exist. Choices: {choices}.',
    ),
    'forecast.all_zero': (
        '{n} {n:plural:serie no ha vendido nada|series no han vendido nada} en toda su historia (p. ej. «{first}»): se {n:plural:entrena|entrenan} igual y su MASE queda vacío.',
        '{n} {n:plural:series has|series have} sold nothing in all {n:plural:its|their} history (e.g. "{first}"): trained anyway, with no MASE.',
    ),
    'forecast.closed_rule': (
        'Tabla larga: {n} {n:plural:serie|series}; días cerrados según la regla «{rule}» (--closed).',
        'Long table: {n} {n:plural:series|series}; closed days by the rule "{rule}" (--closed).',
    ),
    'forecast.no_mase': (
        'escala 0: el ingenuo estacional no falla nunca en su historia',
        'scale 0: the seasonal naive never errs in its history',
    ),
    'forecast.plot.multiples': (
        'Las {shown} series con más ventas',
        'The {shown} best-selling series',
    ),
    'forecast.plot.left_out': (
        '{n} {n:plural:serie más no se muestra|series más no se muestran}',
        '{n} more {n:plural:series is|series are} not shown',
    ),
    'forecast.plot.embeddings': (
        'Embeddings de las series (PCA a 2-D): las que venden parecido quedan cerca',
        'Series embeddings (PCA to 2-D): series that sell alike sit together',
    ),
    'forecast.center_and_window': (
        '--center y --window-scale son dos formas de quitar el nivel reciente; elige una.',
        '--center and --window-scale are two ways of taking off the recent level; choose one.',
    ),
    'forecast.bad_panel_calendar': (
        'Con --id-col el calendario es siempre diario (cada serie tiene sus días cerrados); quita --calendar observed.',
        'With --id-col the calendar is always daily (each series has its closed days); drop --calendar observed.',
    ),
    'forecast.about.supermercado': (
        'Ventas diarias generadas de 3 tiendas × 20 productos (tabla larga): semana y estaciones compartidas, niveles y tendencias por producto, ventas intermitentes, cierres.',
        'Generated daily sales of 3 shops × 20 products (long table): shared week and seasons, per-product levels and trends, intermittent sellers, closures.',
    ),
    'forecast.deadline': (
        'Se acabó el tiempo concedido antes de terminar el backtest.',
        'The time allowed ran out before the backtest finished.',
    ),
    'forecast.unknown_id': (
        '{path}: la serie «{id}» no estaba en el entrenamiento de {run}; el modelo global solo conoce sus series.',
        '{path}: the series "{id}" was not in the training data of {run}; the global model only knows its series.',
    ),
    'csv.week_days': (
        '{path}: las semanas no empiezan siempre el mismo día: entre {date1} y {date2} no hay un número entero de semanas. Fecha cada semana el mismo día (por ejemplo, el lunes).',
        '{path}: the weeks do not all start on the same weekday: between {date1} and {date2} there is no whole number of weeks. Date every week on the same weekday (e.g. Monday).',
    ),
    'csv.panel_week_days': (
        '{path}: las series fechan sus semanas en días distintos: «{id1}» el {date1} y «{id2}» el {date2}, que no distan un número entero de semanas. Fecha todas las semanas de todas las series el mismo día (por ejemplo, el lunes).',
        '{path}: the series date their weeks on different weekdays: "{id1}" on {date1} and "{id2}" on {date2}, not a whole number of weeks apart. Date every week of every series on the same weekday (e.g. Monday).',
    ),
    'csv.mixed_freq': (
        '{path}: las fechas mezclan frecuencias: entre {date1} y {date2} pasan {days} días, y lo habitual en el archivo es {median}. Deja una fila por día, por semana o por mes.',
        '{path}: the dates mix frequencies: between {date1} and {date2} there are {days} days, while the file\'s usual gap is {median}. Keep one row per day, per week or per month.',
    ),
    'csv.freq_mismatch': (
        '{path}: pediste --freq {asked}, pero las fechas son de frecuencia {found} (D diaria, W semanal, M mensual). Quita --freq o usa --freq {found}.',
        '{path}: you asked for --freq {asked}, but the dates have frequency {found} (D daily, W weekly, M monthly). Drop --freq or use --freq {found}.',
    ),
    'forecast.bad_country': (
        'País desconocido: «{code}». Usa un código de dos letras que conozca el paquete holidays (ES, MX, AR, CO, CL, PE, US…), con región si quieres (ES-MD).',
        'Unknown country: "{code}". Use a two-letter code the holidays package knows (ES, MX, AR, CO, CL, PE, US…), with a region if you like (ES-MD).',
    ),
    'forecast.bad_subdivision': (
        'Región desconocida en «{code}»: {country} tiene estas: {choices}.',
        'Unknown region in "{code}": {country} has these: {choices}.',
    ),
    'csv.covariate_gap': (
        '{path}, línea {line}: la columna «{column}» (valor conocido de antemano, --covariates) está vacía o no es un número («{value}»). Rellénala en cada fila: la red la necesita en cada paso.',
        '{path}, line {line}: the column "{column}" (a value known ahead, --covariates) is empty or not a number ("{value}"). Fill it on every row: the network needs it at every step.',
    ),
    'csv.covariate_taken': (
        '{path}: «{column}» es la columna de la fecha o de la cantidad; en --covariates van otras columnas (precio, promo…).',
        '{path}: "{column}" is the date or the quantity column; --covariates takes other columns (price, promo…).',
    ),
    'forecast.covariates_panel': (
        '{path}: con muchas series (--id-col) aún no se admiten --covariates. Entrena cada serie por separado o quita --covariates.',
        '{path}: with many series (--id-col) --covariates is not supported yet. Train each series on its own or drop --covariates.',
    ),
    'forecast.need_future': (
        'El modelo de {run} aprendió con valores conocidos de antemano ({columns}): pásalos para los pasos del pronóstico con --future ARCHIVO (columnas: fecha, {columns}).',
        'The model in {run} learnt with values known ahead ({columns}): give them for the forecast steps with --future FILE (columns: date, {columns}).',
    ),
    'forecast.future_unused': (
        '{path}: el modelo de {run} no aprendió con valores conocidos de antemano (--covariates); quita --future.',
        '{path}: the model in {run} did not learn with values known ahead (--covariates); drop --future.',
    ),
    'forecast.future_gap': (
        '{path}, línea {line}: la fecha {date} no sigue a la historia (que acaba el {last}): tocaba {expected}. Pon una fila por paso, en orden, sin huecos (también los días cerrados), empezando justo después de la historia.',
        '{path}, line {line}: the date {date} does not follow the history (which ends on {last}): {expected} was due. Give one row per step, in order, with no gaps (closed days too), starting right after the history.',
    ),
    'forecast.future_too_big': (
        '{path} ocupa {size} MB, más que los {limit} MB que admite --future (una fila por paso pronosticado): deja solo las filas de los pasos que pides.',
        '{path} is {size} MB, more than the {limit} MB --future accepts (one row per forecast step): keep only the rows of the steps you ask for.',
    ),
    'forecast.future_short': (
        '{path} trae {rows} {rows:plural:fila|filas} y pediste {horizon} pasos: añade filas o baja --horizon.',
        '{path} has {rows} {rows:plural:row|rows} and you asked for {horizon} steps: add rows or lower --horizon.',
    ),
    'forecast.future_missing': (
        '{path}: falta el valor conocido del {date}, que el pronóstico necesita. Añade esa fila.',
        '{path}: the known value for {date}, which the forecast needs, is missing. Add that row.',
    ),
    'forecast.no_subdivisions': (
        'El paquete holidays no distingue regiones en {country}: «{code}» no existe. Usa --country {country}.',
        'The holidays package has no regions for {country}: "{code}" does not exist. Use --country {country}.',
    ),
    'forecast.freq_found': (
        'Frecuencia: {freq} ({name}); festivos de {country}; backtest de {windows} {windows:plural:ventana|ventanas} de {horizon} {horizon:plural:paso|pasos}.',
        'Frequency: {freq} ({name}); holidays of {country}; backtest of {windows} {windows:plural:window|windows} of {horizon} {horizon:plural:step|steps}.',
    ),
    'forecast.freq.d': ('diaria', 'daily'),
    'forecast.freq.w': ('semanal', 'weekly'),
    'forecast.freq.m': ('mensual', 'monthly'),
    'forecast.short_lags': (
        'Con {steps} semanas de historia no caben {lags} retardos (un año) y un backtest de varias ventanas: se usan {used}. Con más historia, los retardos alcanzan la misma semana del año anterior.',
        'With {steps} weeks of history there is no room for {lags} lags (a year) and a backtest of several windows: {used} are used. With more history the lags reach the same week last year.',
    ),
    'forecast.fewer_windows': (
        'La historia es corta para {default} ventanas de backtest: se usan {windows}. Con más historia, el backtest será más fiable.',
        'The history is short for {default} backtest windows: {windows} are used. With more history the backtest is more reliable.',
    ),
    'forecast.ets_missing': (
        'statsforecast no está instalado: la tabla no incluye AutoETS ni AutoTheta. Instálalo con «pip install statsforecast» (o «pip install aprende[classic]») para comparar con los modelos clásicos.',
        'statsforecast is not installed: the table has no AutoETS or AutoTheta. Install it with "pip install statsforecast" (or "pip install aprende[classic]") to compare with the classic models.',
    ),
    'forecast.bad_freq': (
        'Frecuencia desconocida: «{name}». Elige una de: {choices}.',
        'Unknown frequency: "{name}". Choose one of: {choices}.',
    ),
    'forecast.vs_classic_won': (
        'En tus datos, la mejor red ({best}) mejora a los modelos clásicos: MAE {mae} frente a {ets} del mejor de ellos, {classic} ({ratio} de su error).',
        'On your data the best network ({best}) beats the classic models: MAE {mae} against {ets} for the best of them, {classic} ({ratio} of its error).',
    ),
    'forecast.vs_classic_lost': (
        'En tus datos, {classic} mejora a la mejor red ({best}): MAE {ets} frente a {mae}. Para pronosticar esta serie, el modelo clásico es mejor opción.',
        'On your data {classic} beats the best network ({best}): MAE {ets} against {mae}. For this series the classic model is the better choice.',
    ),
    'forecast.table.d': (
        'Backtest: {windows} {windows:plural:origen|orígenes}, {horizon} {horizon:plural:día|días} por delante cada uno (unidades)',
        'Backtest: {windows} {windows:plural:origin|origins}, {horizon} {horizon:plural:day|days} ahead each (units)',
    ),
    'forecast.table.w': (
        'Backtest: {windows} {windows:plural:origen|orígenes}, {horizon} {horizon:plural:semana|semanas} por delante cada uno (unidades)',
        'Backtest: {windows} {windows:plural:origin|origins}, {horizon} {horizon:plural:week|weeks} ahead each (units)',
    ),
    'forecast.table.m': (
        'Backtest: {windows} {windows:plural:origen|orígenes}, {horizon} {horizon:plural:mes|meses} por delante cada uno (unidades)',
        'Backtest: {windows} {windows:plural:origin|origins}, {horizon} {horizon:plural:month|months} ahead each (units)',
    ),
    'forecast.classic_slow': (
        'AutoETS y AutoTheta, reajustados en cada uno de los {windows} orígenes del backtest, tardaron {seconds} s.',
        'AutoETS and AutoTheta, refitted at each of the backtest\'s {windows} origins, took {seconds} s.',
    ),
    'forecast.coverage': (
        'Intervalo del {level} % de {best}, calibrado con los errores del backtest (cada ventana, juzgada con una banda aprendida sin ella): contiene el {cov} % de los valores reales (ancho medio {width}).',
        'The {level} % interval of {best}, calibrated on the backtest\'s errors (each window judged by a band learnt without it): holds {cov} % of the true values (mean width {width}).',
    ),
    'forecast.coverage_classic': (
        'El intervalo del {level} % de {classic} contiene el {cov} % (ancho medio {width}).',
        '{classic}\'s {level} % interval holds {cov} % (mean width {width}).',
    ),
}
