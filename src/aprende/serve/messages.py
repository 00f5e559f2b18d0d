"""Messages of the web server: Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'serve.help': (
        'Sirve los modelos como API REST y página web (http://127.0.0.1:8000 por defecto).',
        'Serve the models as a REST API and a web page (http://127.0.0.1:8000 by default).',
    ),
    'serve.opt.host': (
        'Dirección en la que escuchar (127.0.0.1: solo este equipo).',
        'Address to listen on (127.0.0.1: this computer only).',
    ),
    'serve.opt.port': (
        'Puerto en el que escuchar.',
        'Port to listen on.',
    ),
    'serve.opt.run': (
        'Carpeta de ejecución del modelo «{name}» (por defecto, el modelo incluido).',
        'Run folder of the «{name}» model (default: the shipped model).',
    ),
    'serve.opt.timeout': (
        'Segundos que puede durar una petición; pasado ese tiempo responde 504 y el trabajo se detiene.',
        'Seconds a request may take; past them it answers 504 and the work stops.',
    ),
    'serve.exposed': (
        'Escuchando en {host}: cualquiera que llegue a esta máquina por la red podrá usar la API. Usa 127.0.0.1 si no es lo que quieres.',
        'Listening on {host}: anyone who can reach this machine over the network can use the API. Use 127.0.0.1 if that is not what you want.',
    ),
    'serve.listening': (
        'Abre {url} en el navegador (Ctrl+C para parar).',
        'Open {url} in your browser (Ctrl+C to stop).',
    ),
    'serve.too_large': (
        'El archivo es demasiado grande: el límite es {limit} MB.',
        'The file is too large: the limit is {limit} MB.',
    ),
    'serve.empty_text': (
        'El texto «{field}» está vacío. Escribe algo.',
        'The text «{field}» is empty. Write something.',
    ),
    'serve.text_too_long': (
        'El texto «{field}» es demasiado largo: como máximo {max} caracteres.',
        'The text «{field}» is too long: at most {max} characters.',
    ),
    'serve.missing_field': (
        'Falta «{field}» en la petición.',
        '«{field}» is missing from the request.',
    ),
    'serve.bad_field': (
        '«{field}» no es válido: {detail}',
        '«{field}» is not valid: {detail}',
    ),
    'serve.bad_request': (
        'Petición no válida: {detail}',
        'Invalid request: {detail}',
    ),
    'serve.bad_method': (
        'Ese método no está permitido en {what}.',
        'That method is not allowed on {what}.',
    ),
    'serve.not_found': (
        'No existe {what}.',
        '{what} does not exist.',
    ),
    'serve.no_model': (
        'El modelo «{name}» no está disponible: esta instalación no lo incluye. Entrena uno con «{train}» y arranca el servidor con --run-{name} CARPETA.',
        'The «{name}» model is not available: this installation does not ship it. Train one with «{train}» and start the server with --run-{name} FOLDER.',
    ),
    'serve.no_model_run': (
        'El modelo «{name}» no está disponible: la carpeta dada con --run-{name} no es una ejecución válida de «{name}». Revísala en el servidor (o entrena una con «{train}»).',
        'The «{name}» model is not available: the folder given with --run-{name} is not a valid «{name}» run. Check it on the server (or train one with «{train}»).',
    ),
    'serve.bad_origin': (
        'Petición rechazada: viene de otra web ({origin}). La API solo atiende a su propia página y a programas sin cabecera Origin.',
        'Request refused: it comes from another site ({origin}). The API only answers its own page and programs that send no Origin header.',
    ),
    'serve.timeout': (
        'La petición tardó más de {seconds} s y se ha cortado. Prueba con una entrada más pequeña.',
        'The request took longer than {seconds} s and was stopped. Try a smaller input.',
    ),
    'serve.too_slow': (
        'La petición no terminó de llegar en {seconds} s y se ha cortado. Envíala de nuevo desde una conexión más rápida.',
        'The request did not finish arriving within {seconds} s and was cut off. Send it again over a faster connection.',
    ),
    'serve.busy': (
        'El servidor está ocupado con otras peticiones. Vuelve a intentarlo dentro de {seconds} s.',
        'The server is busy with other requests. Try again in {seconds} s.',
    ),
    'serve.internal': (
        'Error interno del servidor ({kind}). Es un fallo de aprende: avísanos.',
        'Internal server error ({kind}). It is a bug in aprende: please tell us.',
    ),
}
