# One image for every TW-LB service: `docker run twlb <subcommand> ...` (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/app/target/twlb.jar /opt/twlb/twlb.jar
# What twlb run's node processes run from (beside twlb.jar): the nodes' classes only.
COPY --from=build /src/app/target/twlb-node.jar /opt/twlb/twlb-node.jar
WORKDIR /var/lib/twlb
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-jar", "/opt/twlb/twlb.jar"]
CMD ["--help"]
