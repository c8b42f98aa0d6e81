/** The backend node HTTP service, the fault catalogue and its behaviours, and the epoch scheduler that draws random fault plans (issue 3). */
package dev.twlb.nodes;
