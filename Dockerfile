# Kansoku image: dependencies and the built client baked in; the server runs from source through tsx (README: why).
FROM node:22-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV HOST=0.0.0.0 PORT=8080 KANSOKU_DATA_DIR=/data
EXPOSE 8080
CMD ["node", "--import", "tsx", "server/main.ts"]
