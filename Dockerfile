# Yantao service image. System packages come from the same script the README and CI use.
FROM python:3.11-slim-bookworm

COPY scripts/install-system-packages.sh /tmp/install-system-packages.sh
RUN bash /tmp/install-system-packages.sh runtime && rm -rf /var/lib/apt/lists/* /tmp/install-system-packages.sh

RUN useradd --create-home --uid 10001 yantao && mkdir -p /data && chown yantao:yantao /data
WORKDIR /srv/yantao
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY templates ./templates
COPY static ./static
COPY migrations ./migrations
# Editable install: templates, static files and migrations are read from this directory.
RUN pip install --no-cache-dir -e .
# Fail the build, not the first print, when the image has no Chinese font (see docs/decisions/0003).
RUN python -c "from app.config import Settings; from app.printing.fonts import require_chinese; print(require_chinese(Settings()).choices)"

USER yantao
ENV YANTAO_DATABASE_URL=sqlite:////data/yantao.db \
    YANTAO_ENVIRONMENT=production \
    PYTHONUNBUFFERED=1
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz')"
CMD ["sh", "-c", "yantao db upgrade && yantao serve --host 0.0.0.0 --port 8000"]
