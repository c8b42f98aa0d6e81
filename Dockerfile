# One image for every TW-LB service: `docker run twlb <subcommand> ...` (see docker-compose.yml).
# The defaults build the jar inside Docker from Docker Hub's Maven and JRE images. Where those cannot be pulled,
# build on a local JDK base and bring the jars built on the host (`mvn package` first), as .ci/compose-test does:
#   docker build --build-arg BUILD_IMAGE=my-jre --build-arg JRE_IMAGE=my-jre --build-arg JARS=prebuilt -t twlb .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
# build: run Maven here; prebuilt: take app/target/twlb.jar and twlb-node.jar from the build context
ARG JARS=build
WORKDIR /src
COPY . .
RUN if [ "$JARS" = prebuilt ]; then \
      test -f app/target/twlb.jar -a -f app/target/twlb-node.jar || { echo "JARS=prebuilt: run mvn package first" >&2; exit 1; }; \
    else mvn -B -ntp -q -DskipTests package; fi

FROM ${JRE_IMAGE}
RUN command -v curl > /dev/null || { apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; }
COPY --from=build /src/app/target/twlb.jar /opt/twlb/twlb.jar
# What twlb run's node processes run from (beside twlb.jar): the nodes' classes only.
COPY --from=build /src/app/target/twlb-node.jar /opt/twlb/twlb-node.jar
COPY bin/twlb bin/jvm.options /opt/twlb/bin/
# A class-data-sharing archive of the node command, as twlb run makes one (NodeClassArchive): the classes a node loads,
# recorded here by a node that serves a few requests (no broker: it retries in vain), then mapped read-only by every
# node container instead of each parsing its own copy (bin/twlb uses it when it is there)
RUN TWLB_JVM_OPTS=-XX:ArchiveClassesAtExit=/opt/twlb/node.jsa /opt/twlb/bin/twlb node --id node-0 --port 7001 \
      --bootstrap-servers localhost:1 --schema-registry-url http://localhost:1 > /tmp/node.log 2>&1 & node=$!; \
    for i in $(seq 120); do curl -sf localhost:7001/health > /dev/null && break; sleep 1; done; \
    for i in $(seq 50); do curl -sf localhost:7001/process > /dev/null; curl -sf localhost:7001/metrics > /dev/null; done; \
    kill $node; wait $node; test -f /opt/twlb/node.jsa || { cat /tmp/node.log; exit 1; }; rm /tmp/node.log
WORKDIR /var/lib/twlb
# The JVM settings of a small testbed, per role, as twlb run gives them (bin/twlb; TWLB_HEAP_OPTS, TWLB_JVM_OPTS override)
ENTRYPOINT ["/opt/twlb/bin/twlb"]
CMD ["--help"]
