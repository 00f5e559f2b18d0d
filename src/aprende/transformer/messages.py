"""Messages of the Transformer lab (translation, BERT, GPT): Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'transformer.gpt.help': (
        'GPT (solo decodificador): aprende a continuar texto en español, token a token.',
        'GPT (decoder only): learns to continue Spanish text, token by token.',
    ),
    'transformer.gpt.train.help': (
        'Entrena un GPT pequeño con el corpus en español (corpus-es, o fortunes-es si faltan sus paquetes) o con tu texto (--text).',
        'Train a small GPT on the Spanish corpus (corpus-es, or fortunes-es where its packages are missing) or on your own text (--text).',
    ),
    'transformer.gpt.generate.help': (
        'Continúa un texto con un GPT entrenado, mostrándolo a medida que se escribe.',
        'Continue a text with a trained GPT, shown as it is written.',
    ),
    'transformer.gpt.evaluate.help': (
        'Perplejidad de validación de un GPT entrenado.',
        'Validation perplexity of a trained GPT.',
    ),
    'transformer.gpt.data': (
        'Texto: {docs} {docs:plural:documento|documentos} de {source}; {tokens} {tokens:plural:token|tokens} de entrenamiento, {val} de validación; vocabulario de {vocab} {vocab:plural:token|tokens}.',
        'Text: {docs} {docs:plural:document|documents} from {source}; {tokens} training {tokens:plural:token|tokens}, {val} validation; vocabulary of {vocab} {vocab:plural:token|tokens}.',
    ),
    'transformer.gpt.metrics': (
        'Perplejidad de validación: {perplexity:.2f} (pérdida {loss:.3f} en {tokens} {tokens:plural:token|tokens}).',
        'Validation perplexity: {perplexity:.2f} (loss {loss:.3f} over {tokens} {tokens:plural:token|tokens}).',
    ),
    'transformer.gpt.done': (
        'Listo. Ejecución en {run}. Prueba: aprende gpt generate "La vida es" --run {run}',
        'Done. Run in {run}. Try: aprende gpt generate "La vida es" --run {run}',
    ),
    'transformer.opt.text': (
        'Archivo de texto UTF-8 propio (por defecto, el corpus en español corpus-es; fortunes-es si faltan sus paquetes).',
        'Your own UTF-8 text file (default: the Spanish corpus corpus-es; fortunes-es where its packages are missing).',
    ),
    'transformer.opt.vocab_size': (
        'Tamaño del vocabulario BPE a nivel de bytes.',
        'Size of the byte-level BPE vocabulary.',
    ),
    'transformer.opt.d_model': (
        'Anchura del modelo (d_model).',
        'Model width (d_model).',
    ),
    'transformer.opt.heads': (
        'Número de cabezas de atención (deben dividir a d_model).',
        'Number of attention heads (must divide d_model).',
    ),
    'transformer.opt.layers': (
        'Número de capas.',
        'Number of layers.',
    ),
    'transformer.opt.d_ff': (
        'Anchura de la red feed-forward de cada capa.',
        "Width of each layer's feed-forward network.",
    ),
    'transformer.opt.context': (
        'Contexto: cuántos tokens ve el modelo a la vez.',
        'Context: how many tokens the model sees at once.',
    ),
    'transformer.opt.dropout': (
        'Dropout.',
        'Dropout.',
    ),
    'transformer.opt.norm': (
        'Dónde va la normalización: pre (antes de cada subcapa, como GPT-2) o post (como el artículo).',
        'Where the normalisation goes: pre (before each sub-layer, like GPT-2) or post (like the paper).',
    ),
    'transformer.opt.init': (
        'Pesos de partida: paper (tokens multiplicados por √d_model, como el artículo) o gpt2 (todos pequeños, '
        'como GPT-2; por defecto en gpt).',
        "Starting weights: paper (tokens multiplied by √d_model, as in the paper) or gpt2 (all small, as in GPT-2; "
        'the default for gpt).',
    ),
    'transformer.opt.positional': (
        'Codificación posicional: aprendida o sinusoidal (la del artículo).',
        "Positional encoding: learned or sinusoidal (the paper's).",
    ),
    'transformer.opt.label_smoothing': (
        'Suavizado de etiquetas (0 deja la pérdida como perplejidad verdadera).',
        'Label smoothing (0 keeps the loss a true perplexity).',
    ),
    'transformer.opt.max_new': (
        'Cuántos tokens nuevos escribir como máximo.',
        'At most this many new tokens.',
    ),
    'transformer.opt.temperature': (
        'Temperatura: 0 elige siempre el más probable; más alta, más variedad.',
        'Temperature: 0 always picks the most likely token; higher, more variety.',
    ),
    'transformer.opt.top_k': (
        'Elige solo entre los k tokens más probables (0: todos).',
        'Sample only among the k most likely tokens (0: all).',
    ),
    'transformer.opt.top_p': (
        'Muestreo de núcleo: solo los tokens más probables que suman esta probabilidad.',
        'Nucleus sampling: only the most likely tokens that add up to this probability.',
    ),
    'transformer.opt.no_cache': (
        'Sin caché de claves y valores (más lento; para comparar).',
        'Without the key/value cache (slower; for comparison).',
    ),
    'transformer.no_file': (
        'No existe el archivo de texto {path}. Revisa la ruta.',
        'The text file {path} does not exist. Check the path.',
    ),
    'transformer.not_utf8': (
        'El archivo {path} no está en UTF-8 (línea {line}, byte {byte}). Conviértelo, por ejemplo: iconv -f latin1 -t utf-8 {path} > texto.txt',
        'The file {path} is not UTF-8 (line {line}, byte {byte}). Convert it, for example: iconv -f latin1 -t utf-8 {path} > text.txt',
    ),
    'transformer.empty_text': (
        'El archivo {path} está vacío: no hay texto con el que entrenar.',
        'The file {path} is empty: there is no text to train on.',
    ),
    'transformer.no_fortunes': (
        'No están las citas de fortunes-es ({where}). Instala el paquete de Debian fortunes-es o usa --text ARCHIVO.',
        'The fortunes-es quotes are not here ({where}). Install the Debian package fortunes-es or use --text FILE.',
    ),
    'transformer.too_little_text': (
        'Hay muy poco texto: {tokens} {tokens:plural:token|tokens}, y hacen falta bastantes más que el contexto ({context}). Usa un texto más largo o un --context menor.',
        'There is too little text: {tokens} {tokens:plural:token|tokens}, and it takes many more than the context ({context}). Use a longer text or a smaller --context.',
    ),
    'transformer.bad_heads': (
        'd_model ({d_model}) debe ser múltiplo del número de cabezas ({heads}).',
        'd_model ({d_model}) must be a multiple of the number of heads ({heads}).',
    ),
    'transformer.bad_vocab': (
        'El vocabulario ({n}) debe tener al menos 300 tokens (los 256 bytes y los especiales).',
        'The vocabulary ({n}) must have at least 300 tokens (the 256 bytes and the special ones).',
    ),
    'transformer.bad_context': (
        'El contexto ({n}) debe ser de al menos 4 tokens.',
        'The context ({n}) must be at least 4 tokens.',
    ),
    'transformer.prompt_truncated': (
        'El texto inicial tiene {tokens} {tokens:plural:token|tokens} y el modelo solo ve {context}: se usan los últimos.',
        'The prompt has {tokens} {tokens:plural:token|tokens} and the model sees only {context}: the last ones are used.',
    ),
    'transformer.bert.help': (
        'BERT (solo codificador): aprende las palabras por su contexto a ambos lados, adivinando las ocultas tras [MASK].',
        'BERT (encoder only): learns words from their context on both sides, by guessing the ones hidden behind [MASK].',
    ),
    'transformer.bert.train.help': (
        'Preentrena un BERT pequeño (modelo de lenguaje enmascarado) con el corpus en español (corpus-es, o fortunes-es si faltan sus paquetes) o con tu texto (--text).',
        'Pre-train a small BERT (masked language model) on the Spanish corpus (corpus-es, or fortunes-es where its packages are missing) or on your own text (--text).',
    ),
    'transformer.bert.fill.help': (
        'Propone las palabras más probables para cada [MASK] de una frase.',
        'Suggest the most likely words for each [MASK] in a sentence.',
    ),
    'transformer.bert.done': (
        'Listo. Ejecución en {run}. Prueba: aprende bert fill "La [MASK] es bella." --run {run}',
        'Done. Run in {run}. Try: aprende bert fill "La [MASK] es bella." --run {run}',
    ),
    'transformer.bert.filled': (
        'Con la más probable: {text}',
        'With the most likely: {text}',
    ),
    'transformer.opt.mask_prob': (
        'Fracción de tokens que se ocultan para adivinarlos.',
        'Fraction of the tokens hidden to be guessed.',
    ),
    'transformer.opt.fill_top_k': (
        'Cuántas propuestas mostrar por cada [MASK].',
        'How many suggestions to show for each [MASK].',
    ),
    'transformer.no_mask': (
        'La frase «{text}» no tiene ningún [MASK]: escribe [MASK] donde falte la palabra, por ejemplo "La [MASK] es bella."',
        'The sentence “{text}” has no [MASK]: write [MASK] where the word is missing, for example "La [MASK] es bella."',
    ),
    'transformer.fill_too_long': (
        'La frase tiene {tokens} {tokens:plural:token|tokens} y el modelo solo ve {context}. Acórtala.',
        'The sentence has {tokens} {tokens:plural:token|tokens} and the model sees only {context}. Shorten it.',
    ),
    'transformer.bad_mask_prob': (
        '--mask-prob ({p}) debe estar entre 0 y 1.',
        '--mask-prob ({p}) must be between 0 and 1.',
    ),
    'translate.help': (
        'Traducción con el Transformer del artículo (codificador-decodificador), español ↔ inglés.',
        "Translation with the article's Transformer (encoder-decoder), Spanish ↔ English.",
    ),
    'translate.train.help': (
        'Entrena un traductor con los versículos de la Biblia (Reina-Valera 1909 / World English Bible) o con tu TSV (--pairs).',
        'Train a translator on Bible verses (Reina-Valera 1909 / World English Bible) or on your TSV (--pairs).',
    ),
    'translate.run.help': (
        'Traduce un texto (o cada línea de la entrada estándar, con - o sin texto). El modelo incluido aprendió de la Biblia (Reina-Valera 1909 → World English Bible) y de 2.047 mensajes de programas de los catálogos .mo de Debian: traduce mucho mejor frases de ese estilo, como «Y dijo Dios: Sea la luz.», «El Señor es mi pastor; nada me faltará.» o «No se pudo abrir el archivo.», que el español de cada día.',
        'Translate a text (or every line of standard input, with - or no text). The shipped model learned from the Bible (Reina-Valera 1909 → World English Bible) and 2,047 program messages from Debian\'s .mo catalogues: it translates sentences in that style, such as "Y dijo Dios: Sea la luz.", "El Señor es mi pastor; nada me faltará." or "No se pudo abrir el archivo.", much better than everyday Spanish.',
    ),
    'translate.evaluate.help': (
        'BLEU y chrF (sacrebleu) en la partición de prueba fija.',
        'BLEU and chrF (sacrebleu) on the fixed test split.',
    ),
    'translate.opt.run': (
        'Carpeta de la ejecución (por defecto, el modelo que viene con el paquete).',
        'Run folder (default: the model shipped with the package).',
    ),
    'translate.opt.beam': (
        'Anchura del haz: 1 es decodificación voraz; 4 suele traducir algo mejor.',
        'Beam width: 1 is greedy decoding; 4 usually translates a bit better.',
    ),
    'translate.opt.pairs': (
        'TSV propio: origen<TAB>destino por línea (o clave<TAB>origen<TAB>destino), en el orden de --direction.',
        'Your own TSV: source<TAB>target per line (or key<TAB>source<TAB>target), in the order of --direction.',
    ),
    'translate.opt.direction': (
        'Dirección: es-en (español a inglés) o en-es.',
        'Direction: es-en (Spanish to English) or en-es.',
    ),
    'translate.opt.layers': (
        'Capas del codificador y del decodificador (cada uno).',
        'Encoder and decoder layers (each).',
    ),
    'translate.opt.max_len': (
        'Longitud máxima en tokens de un par para entrenar; los más largos se dejan fuera.',
        'Longest pair in tokens used for training; longer ones are left out.',
    ),
    'translate.opt.context': (
        'Entrada más larga (en tokens) que acepta el modelo.',
        'Longest input (in tokens) the model accepts.',
    ),
    'translate.opt.compile': (
        'Compila el modelo con torch.compile (más rápido en GPU; tarda en arrancar).',
        'Compile the model with torch.compile (faster on a GPU; slow to start).',
    ),
    'translate.opt.attention': (
        'Guarda en este PNG los mapas de atención cruzada de la frase, por capa y cabeza.',
        "Save the sentence's cross-attention maps, per layer and head, in this PNG.",
    ),
    'translate.opt.limit': (
        'Evalúa solo los primeros N pares de prueba.',
        'Evaluate only the first N test pairs.',
    ),
    'translate.no_bible': (
        'Faltan los módulos SWORD de la Biblia ({missing}). Instálalos con: apt-get install sword-text-sparv sword-text-web (o usa --pairs ARCHIVO.tsv).',
        "The Bible's SWORD modules are missing ({missing}). Install them with: apt-get install sword-text-sparv sword-text-web (or use --pairs FILE.tsv).",
    ),
    'translate.no_pysword': (
        'Falta el paquete de Python pysword para leer la Biblia. Instálalo con: pip install pysword',
        'The Python package pysword, needed to read the Bible, is missing. Install it with: pip install pysword',
    ),
    'translate.reading_bible': (
        'Leyendo la Biblia de los módulos SWORD (solo la primera vez; tarda un par de minutos)…',
        'Reading the Bible from the SWORD modules (first time only; it takes a couple of minutes)…',
    ),
    'translate.cached_bible': (
        '{n} {n:plural:versículo alineado guardado|versículos alineados guardados} en {path}',
        '{n} aligned {n:plural:verse|verses} saved in {path}',
    ),
    'translate.no_pairs_file': (
        'No existe el archivo de pares {path}. Revisa la ruta.',
        'The pairs file {path} does not exist. Check the path.',
    ),
    'translate.tsv_fields': (
        '{path}, línea {line}: tiene {n} {n:plural:campo separado|campos separados} por tabulador; cada línea debe tener origen<TAB>destino (o clave<TAB>origen<TAB>destino), igual que la primera.',
        '{path}, line {line}: it has {n} tab-separated {n:plural:field|fields}; every line must have source<TAB>target (or key<TAB>source<TAB>target), like the first one.',
    ),
    'translate.tsv_empty': (
        '{path}, línea {line}: el origen o el destino está vacío. Completa o borra esa línea.',
        '{path}, line {line}: the source or the target is empty. Fill in or delete that line.',
    ),
    'translate.tsv_no_pairs': (
        'El archivo {path} no tiene ningún par: escribe una línea origen<TAB>destino por par.',
        'The file {path} has no pairs: write one source<TAB>target line per pair.',
    ),
    'translate.bad_direction': (
        'No conozco la dirección «{direction}». Disponibles: {choices}.',
        'Unknown direction "{direction}". Available: {choices}.',
    ),
    'translate.too_few_pairs': (
        '{path} tiene {n} {n:plural:par|pares} y ninguno queda para entrenar. Usa un archivo con más pares.',
        '{path} has {n} {n:plural:pair|pairs} and none is left for training. Use a file with more pairs.',
    ),
    'translate.bad_lengths': (
        '--max-len ({max_len}) debe ser al menos 4 y no mayor que --context ({context}).',
        '--max-len ({max_len}) must be at least 4 and no larger than --context ({context}).',
    ),
    'translate.all_too_long': (
        '{n:plural:El único par|Los {n} pares} de entrenamiento {n:plural:supera|superan} --max-len ({max_len} tokens). Sube --max-len.',
        '{n:plural:The only training pair is|All {n} training pairs are} longer than --max-len ({max_len} tokens). Raise --max-len.',
    ),
    'translate.data': (
        'Pares ({direction}) de {source}: {train} para entrenar, {val} de validación y {test} de prueba; {dropped} {dropped:plural:par|pares} de más de {max_len} tokens se {dropped:plural:queda|quedan} fuera; {tokens} {tokens:plural:token|tokens} de destino; vocabulario de {vocab} {vocab:plural:token|tokens}.',
        'Pairs ({direction}) from {source}: {train} for training, {val} for validation and {test} for test; {dropped} {dropped:plural:pair|pairs} longer than {max_len} tokens {dropped:plural:is|are} left out; {tokens} target {tokens:plural:token|tokens}; vocabulary of {vocab} {vocab:plural:token|tokens}.',
    ),
    'translate.empty_line': (
        'La línea {line} está vacía: no hay nada que traducir. Escribe una frase en cada línea.',
        'Line {line} is empty: there is nothing to translate. Write one sentence per line.',
    ),
    'translate.too_long': (
        'La línea {line} tiene {tokens} {tokens:plural:token|tokens} y el modelo acepta como mucho {context}. Pártela en frases más cortas.',
        'Line {line} has {tokens} {tokens:plural:token|tokens} and the model accepts at most {context}. Split it into shorter sentences.',
    ),
    'translate.bad_beam': (
        '--beam ({beam}) debe ser 1 o más.',
        '--beam ({beam}) must be 1 or more.',
    ),
    'translate.truncated': (
        '{n} {n:plural:frase de prueba supera|frases de prueba superan} {context} tokens: se traduce solo su principio.',
        '{n} test {n:plural:sentence is|sentences are} longer than {context} tokens: only {n:plural:its|their} beginning is translated.',
    ),
    'translate.no_test': (
        '{path} no tiene pares en la partición de prueba (crc32 % 31 == 0). Usa --pairs con un TSV más grande.',
        '{path} has no pairs in the test split (crc32 % 31 == 0). Use --pairs with a larger TSV.',
    ),
    'translate.metrics': (
        'BLEU {bleu:.2f}  chrF {chrf:.2f}  ({n} {n:plural:frase|frases} de prueba)',
        'BLEU {bleu:.2f}  chrF {chrf:.2f}  ({n} test {n:plural:sentence|sentences})',
    ),
    'translate.val_metrics': (
        'Validación: BLEU {bleu:.2f}  chrF {chrf:.2f}  pérdida {loss:.3f}',
        'Validation: BLEU {bleu:.2f}  chrF {chrf:.2f}  loss {loss:.3f}',
    ),
    'translate.done': (
        'Listo. Ejecución en {run}. Prueba: aprende translate run "En el principio" --run {run}',
        'Done. Run in {run}. Try: aprende translate run "In the beginning" --run {run}',
    ),
    'translate.attention_saved': (
        'Mapas de atención guardados en {path}',
        'Attention maps saved in {path}',
    ),
    'transformer.bad_tokenizer': (
        'El archivo {path} está dañado: no es un tokenizador que este modelo pueda usar. Copia de nuevo la carpeta de la ejecución o vuelve a entrenar.',
        'The file {path} is damaged: it is not a tokenizer this model can use. Copy the run folder again or train again.',
    ),
    'transformer.long_word': (
        '{path}, línea {line}: hay más de {limit} caracteres seguidos sin un espacio; ningún texto real los tiene y el tokenizador tardaría muchísimo. Parte o borra ese fragmento.',
        '{path}, line {line}: more than {limit} characters in a row without a space; no real text has them and the tokenizer would take ages. Split or delete that stretch.',
    ),
    'translate.tsv_long_line': (
        '{path}, línea {line}: tiene {n} caracteres y el límite es {limit} por línea (muy por encima de cualquier par de frases real). Parte o borra esa línea.',
        '{path}, line {line}: it has {n} characters and the limit is {limit} per line (far above any real sentence pair). Split or delete that line.',
    ),
    'transformer.opt.dataset': (
        'Texto incluido: corpus-es (Biblia RV1909, páginas de manual, referencia de Debian, ayuda de GIMP, fortunes-es) o fortunes-es (solo las citas). Por defecto, corpus-es si están sus paquetes; con --resume o en evaluate, el de la ejecución.',
        'Embedded text: corpus-es (RV1909 Bible, man pages, Debian reference, GIMP help, fortunes-es) or fortunes-es (the quotes alone). Default: corpus-es where its packages are installed; with --resume or in evaluate, the run\'s own.',
    ),
    'transformer.bad_dataset': (
        'No hay un texto incluido llamado «{name}». Elige uno de: {choices}, o da tu archivo con --text.',
        'There is no embedded text called "{name}". Choose one of: {choices}, or give your file with --text.',
    ),
    'transformer.corpus.building': (
        'Construyendo el corpus en español a partir de {sources} en {path} (solo la primera vez; unos minutos).',
        'Building the Spanish corpus from {sources} into {path} (first time only; a few minutes).',
    ),
    'transformer.bert.evaluate.help': (
        'Acierto al adivinar tokens enmascarados (top-1 y top-5) y perplejidad de un BERT en la parte reservada de su texto.',
        'Masked-token accuracy (top-1 and top-5) and perplexity of a BERT on the held-out part of its text.',
    ),
    'transformer.bert.eval_line': (
        'Tokens enmascarados: acierto top-1 {top1:.1%}, top-5 {top5:.1%}; perplejidad {perplexity:.1f} ({n} {n:plural:token|tokens} de {source}).',
        'Masked tokens: top-1 accuracy {top1:.1%}, top-5 {top5:.1%}; perplexity {perplexity:.1f} ({n} {n:plural:token|tokens} of {source}).',
    ),
    'corpus.about': (
        'Corpus en español para GPT y BERT, de paquetes de Debian (Biblia RV1909, manpages-es, debian-reference-es, gimp-help-es, fortunes-es), limpio, sin duplicados, con una parte reservada fija; su ficha es corpus.md en su carpeta.',
        'Spanish corpus for GPT and BERT from Debian packages (RV1909 Bible, manpages-es, debian-reference-es, gimp-help-es, fortunes-es), cleaned, de-duplicated, with a fixed held-out split; its data card is corpus.md in its folder.',
    ),
    'transformer.opt.whole_word': (
        'Enmascara palabras enteras (todas sus piezas BPE a la vez; por defecto) o tokens sueltos.',
        'Mask whole words (all their BPE pieces at once; the default) or single tokens.',
    ),
    # Published Marian (opus-mt) checkpoints and their generation (helper B, issue 30)
    'translate.bad_max_new_tokens': (
        '--max-new-tokens debe ser al menos 1 (se pidió {n}).',
        '--max-new-tokens must be at least 1 ({n} given).',
    ),
    'translate.opt.init': (
        'Afina una ejecución ya entrenada o importada (sus pesos, su tokenizador y sus tamaños; p. ej. una traída con «aprende weights get opus-mt-es-en») en lugar de empezar de cero; tasa de aprendizaje pequeña (5e-5) con calentamiento.',
        'Fine-tune a trained or imported run (its weights, tokenizer and sizes; e.g. one brought in with "aprende weights get opus-mt-es-en") instead of starting from scratch; small learning rate (5e-5) with warm-up.',
    ),
    'transformer.opt.freeze_embeddings': (
        'Al afinar, deja fijos los embeddings (el vocabulario aprendido) y entrena solo las capas.',
        'When fine-tuning, keep the embeddings (the learned vocabulary) fixed and train only the layers.',
    ),
    'transformer.opt.init_run': (
        'Afina una ejecución ya entrenada o importada (sus pesos, su tokenizador y sus opciones; p. ej. una traída con «aprende weights get gpt2» o «beto») en vez de empezar de cero: tasa pequeña (5e-5) con calentamiento, unos diez minutos; --context es entonces el largo de cada bloque, como mucho el del modelo.',
        'Fine-tune a trained or imported run (its weights, tokenizer and options; e.g. one brought in with "aprende weights get gpt2" or "beto") instead of starting from scratch: small rate (5e-5) with warm-up, about ten minutes; --context is then the length of each block, at most the model\'s.',
    ),
    'translate.opt.max_new': (
        'Máximo de tokens nuevos por frase (por defecto, el del modelo).',
        "Most new tokens per sentence (default: the model's own).",
    ),
}
