package org.povertyledger.command.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.povertyledger.command.ledger.AppendReceipt;

/**
 * Pairs a command handler's result with the receipt of the events its unit of work appends. The
 * storage engine fills the receipt while the unit of work commits, which happens before the command
 * gateway returns, so the caller sees positions and hashes of exactly its own events.
 */
public class CommandReceiptInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        AppendReceipt receipt = unitOfWork.root().getOrComputeResource(AppendReceipt.RESOURCE_KEY, k -> new AppendReceipt());
        Object result = interceptorChain.proceed();
        return new CommandResult(result, receipt);
    }
}
