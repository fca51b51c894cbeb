/** Events of the programme structure, its outputs and the funding of its sub-projects. */
package org.povertyledger.shared.programme.event;
