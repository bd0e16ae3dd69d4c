"""Request bodies for the size limit tests: made up as they are read, so a 105 MB
body costs no memory, and counting what the server read of them."""

from django.test import Client

MB = 1024 * 1024
BOUNDARY = "limit-test-boundary"


class CountingBody:
    """`head`, then `filler` bytes of padding, then `tail`, as a wsgi.input stream;
    `read_bytes` is how much of it was read."""

    def __init__(self, head: bytes, filler: int, tail: bytes = b"") -> None:
        self.head, self.filler, self.tail = head, filler, tail
        self.size = len(head) + filler + len(tail)
        self.read_bytes = 0

    def _at(self, start: int, end: int) -> bytes:
        padding_end = len(self.head) + self.filler
        out = self.head[start:end]
        if end > len(self.head) and start < padding_end:
            out += b"0" * (min(end, padding_end) - max(start, len(self.head)))
        if end > padding_end:
            out += self.tail[max(start - padding_end, 0) : end - padding_end]
        return out

    def read(self, size: int = -1, /) -> bytes:
        end = self.size if size is None or size < 0 else min(self.size, self.read_bytes + size)
        data = self._at(self.read_bytes, end)
        self.read_bytes += len(data)
        return data

    def readline(self, size: int = -1, /) -> bytes:
        # Only Django's urlencoded reading calls it; a body here is one long line.
        return self.read(size)


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def multipart_with_file(
    fields: dict[str, str], *, file_field: str, file_size: int, after: dict[str, str] | None = None
) -> CountingBody:
    """A multipart body: `fields`, then a PDF of `file_size` bytes in `file_field`, then the `after` fields."""

    def part(name: str, value: str) -> bytes:
        return f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()

    head = b"".join(part(name, value) for name, value in fields.items())
    head += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; filename="cv.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n"
    ).encode()
    after_file = b"".join(part(name, value) for name, value in (after or {}).items())
    tail = b"\r\n" + after_file + f"--{BOUNDARY}--\r\n".encode()
    return CountingBody(head, file_size - len(b"%PDF-1.4\n"), tail)


def post_body(client: Client, path: str, body: CountingBody, content_type: str, **extra):
    """POST `body` to `path` as a server would hand it to Django: a stream with its declared length."""
    return client.generic(
        "POST", path, **{"wsgi.input": body, "CONTENT_LENGTH": str(body.size), "CONTENT_TYPE": content_type, **extra}
    )
