"""Why a YAML file cannot be read as a dossier: :class:`LoadError`, its messages in French and
English, and PyYAML's errors worded plainly and located."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

__all__ = ["MESSAGES", "PROBLEMS_EN", "PROBLEMS_FR", "LoadError", "position", "yaml_error"]


class LoadError(Exception):
    """A file that cannot be read as a dossier, with the position of the cause (1-based)."""

    def __init__(self, message_id: str, line: int = 1, column: int = 1, **args: Any) -> None:
        self.message_id = message_id
        self.line = line
        self.column = column
        self.args_ = args
        super().__init__(self.render("en"))

    def render(self, lang: str = "fr") -> str:
        fr, en = MESSAGES.get(self.message_id, (self.message_id, self.message_id))
        template = fr if lang == "fr" else en
        try:  # an argument may be worded in the language too (why the system refused)
            return template.format(**{k: v(lang) if callable(v) else v for k, v in self.args_.items()})
        except (KeyError, IndexError):  # pragma: no cover - a template/argument mismatch
            return template


MESSAGES: dict[str, tuple[str, str]] = {
    "too_large": (
        "fichier trop volumineux ({size} octets ; limite {limit}) : ce n'est pas un dossier"
        " (limite réglable : --limit max-file-size=20MB)",
        "file too large ({size} bytes; limit {limit}): not a dossier"
        " (the limit can be raised: --limit max-file-size=20MB)",
    ),
    "binary": (
        "fichier binaire (octet nul à l'octet {offset}) : ce n'est pas un fichier YAML",
        "binary file (NUL byte at offset {offset}): not a YAML file",
    ),
    "encoding": (
        "le fichier n'est pas en UTF-8 (octet invalide 0x{byte:02x}) : enregistrez-le en UTF-8",
        "the file is not UTF-8 (invalid byte 0x{byte:02x}): save it as UTF-8",
    ),
    "syntax": ("YAML invalide : {problem_fr}", "invalid YAML: {problem}"),
    "tab": (
        "tabulation : YAML n'accepte que des espaces pour l'indentation",
        "tab character: YAML accepts only spaces for indentation",
    ),
    "control_char": (
        "caractère de contrôle U+{code:04X} interdit dans un fichier YAML",
        "control character U+{code:04X} is not allowed in a YAML file",
    ),
    "unclosed_quote": (
        "guillemet ouvert ligne {opened} jamais refermé",
        "quote opened at line {opened} is never closed",
    ),
    "surrogate": (
        "caractère invalide U+{code:04X} (moitié de paire UTF-16) : ce texte n'est pas de l'Unicode valide",
        "invalid character U+{code:04X} (half a UTF-16 pair): this text is not valid Unicode",
    ),
    "not_a_file": (
        "ce n'est pas un fichier ordinaire (tube, périphérique...) : il n'est pas lu",
        "not a regular file (pipe, device...): it is not read",
    ),
    "too_deep": (
        "imbrication trop profonde (plus de {limit} niveaux) : un dossier en a moins de 10",
        "nesting too deep (more than {limit} levels): a dossier has fewer than 10",
    ),
    "too_many_nodes": (
        "trop de valeurs (plus de {limit}) : expansion d'alias ou fichier démesuré"
        " (limite réglable : --limit max-nodes=N)",
        "too many values (more than {limit}): alias expansion or an oversized file"
        " (the limit can be raised: --limit max-nodes=N)",
    ),
    "too_many_aliases": (
        "trop d'alias (plus de {limit}) : un dossier n'en a pas besoin",
        "too many aliases (more than {limit}): a dossier does not need them",
    ),
    "recursive_alias": (
        "alias récursif : une valeur se contient elle-même",
        "recursive alias: a value contains itself",
    ),
    "duplicate_key": (
        "clé « {key} » en double (première occurrence ligne {first}) : YAML ne garderait que la dernière",
        "duplicate key '{key}' (first at line {first}): YAML would silently keep only the last one",
    ),
    "complex_key": ("une clé doit être un simple texte", "a key must be plain text"),
    "unsafe_tag": (
        "étiquette YAML « {tag} » refusée : seules les valeurs simples sont admises",
        "YAML tag '{tag}' refused: only plain values are allowed",
    ),
    "bad_value": ("valeur « {value} » illisible comme {kind_fr}", "value '{value}' cannot be read as {kind}"),
    "impossible_date": ("date impossible : {value} ({reason_fr})", "impossible date: {value} ({reason})"),
    "merge": (
        "« << » doit fusionner un bloc ou une liste de blocs",
        "'<<' must merge a mapping or a list of mappings",
    ),
    "unreadable": ("fichier illisible : {reason}", "cannot read the file: {reason}"),
    "version": (
        "version de format {version} inconnue : cette version de ctg-rules lit la version 1",
        "unknown format version {version}: this version of ctg-rules reads version 1",
    ),
    "not_a_mapping": ("le dossier doit être un bloc de clés", "the dossier must be a mapping of keys"),
}


#: PyYAML's (libyaml's) problem texts, in French; the English message keeps PyYAML's own words
PROBLEMS_FR: dict[str, str] = {
    "could not find expected ':'": "« : » introuvable après une clé (ligne coupée ou guillemet en trop ?)",
    "did not find expected key": "clé attendue ici (indentation incohérente ?)",
    "did not find expected ',' or '}'": "« , » ou « } » attendu",
    "did not find expected ',' or ']'": "« , » ou « ] » attendu",
    "did not find expected '-' indicator": "« - » attendu (élément de liste mal indenté ?)",
    "mapping values are not allowed in this context": (
        "« : » inattendu ici (une valeur qui contient « : » s'écrit entre guillemets)"
    ),
    "mapping values are not allowed here": (
        "« : » inattendu ici (une valeur qui contient « : » s'écrit entre guillemets)"
    ),
    "found character that cannot start any token": (
        "caractère réservé en début de valeur (écrivez la valeur entre guillemets)"
    ),
    "did not find expected node content": "valeur attendue ici",
    "did not find expected comment or line break": "commentaire ou fin de ligne attendu après la valeur",
    "block sequence entries are not allowed in this context": "élément de liste « - » inattendu ici",
    "did not find expected alphabetic or numeric character": "nom attendu après « & » ou « * »",
    "found unexpected end of stream": "fin de fichier inattendue",
    "did not find expected <document start>": "début de document attendu",
    "found undefined alias": "alias « * » sans ancre « & » correspondante",
    "found unexpected ':'": "« : » inattendu",
    "but found another document": "un seul document attendu ; un second commence ici",
    "did not find expected whitespace or line break": "espace ou fin de ligne attendu",
    "found invalid Unicode character escape code": "séquence « \\u » qui ne désigne aucun caractère",
    "found unknown escape character": "séquence d'échappement « \\ » inconnue entre guillemets",
    "could not find expected directive name": "nom de directive attendu après « % »",
    "mapping keys are not allowed in this context": "clé inattendue ici",
    "second occurrence": "ancre « & » définie deux fois",
    "found duplicate anchor": "ancre « & » définie deux fois",
    "syntax error": "erreur de syntaxe",
}
#: where PyYAML's own words would puzzle an English reader too
PROBLEMS_EN: dict[str, str] = {
    "found character that cannot start any token": (
        "found a character that cannot start a value (write the value in quotes)"
    ),
    "second occurrence": "anchor '&' defined twice",
    "found duplicate anchor": "anchor '&' defined twice",
    "but found another document": "one document expected; a second one starts here",
    "found undefined alias": "alias '*' without a matching anchor '&'",
}
_TAB_PROBLEMS = (
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
)


def position(node: Any) -> tuple[int, int]:
    """Line and column (1-based) where a node or a parser event starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, depth_limit: int = 1000) -> LoadError:
    """PyYAML's error, located, in plain words (tabs and unclosed quotes named as such)."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "maximum nesting depth" in str(exc):
        return LoadError("too_deep", line, column, limit=min(depth_limit, 1000))
    index = getattr(mark, "index", -1) if mark else -1
    if problem in _TAB_PROBLEMS or (
        problem == "found character that cannot start any token"
        and 0 <= index < len(text)
        and text[index] == "\t"
    ):
        return LoadError("tab", line, column)
    context = exc.context or ""
    if problem == "found unexpected end of stream" and "quoted scalar" in context and exc.context_mark:
        start = exc.context_mark
        return LoadError("unclosed_quote", start.line + 1, start.column + 1, opened=start.line + 1)
    return _syntax(problem, line, column)


def yaml_error(exc: yaml.YAMLError, text: str, depth_limit: int = 1000) -> LoadError:
    """Any other PyYAML error: a control character (located by its first occurrence), or the text."""
    import yaml  # loaded already when PyYAML raised (a PDF's check imports none)

    if isinstance(exc, yaml.MarkedYAMLError):
        return _syntax_error(exc, text, depth_limit)
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        index = text.find(chr(exc.character))
        if index >= 0:
            line = text.count("\n", 0, index) + 1
            return LoadError("control_char", line, index - text.rfind("\n", 0, index), code=exc.character)
    return _syntax(str(exc).split("\n", 1)[0])


def _syntax(problem: str, line: int = 1, column: int = 1) -> LoadError:
    english = PROBLEMS_EN.get(problem, problem)
    return LoadError("syntax", line, column, problem=english, problem_fr=PROBLEMS_FR.get(problem, english))
