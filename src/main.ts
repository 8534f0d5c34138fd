console.log('action: todo');
