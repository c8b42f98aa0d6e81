/** The load balancer (HTTP proxy, routing strategies, timeouts) and the traffic generator (issue 3). */
package dev.twlb.lb;
